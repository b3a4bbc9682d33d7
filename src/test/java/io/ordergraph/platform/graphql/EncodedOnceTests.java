package io.ordergraph.platform.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** An answer shared by many subscriptions is written as JSON once, and reads as the same JSON as its data. */
class EncodedOnceTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void writesAsItsDataWould() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("type", "PLACED");
		data.put("note", null);
		data.put("order", Map.of("total", Map.of("amount", "232.00", "currency", "KES"), "lines", List.of(1, 2)));
		Object encoded = EncodedOnce.of(data);
		assertThat(encoded).isEqualTo(data);
		assertThat(json.writeValueAsString(Map.of("data", Map.of("orderEvents", encoded))))
			.isEqualTo(json.writeValueAsString(Map.of("data", Map.of("orderEvents", data))));
	}

	@Test
	void isWrittenOnceAndThenCopied() {
		Map<String, Object> data = new LinkedHashMap<>(Map.of("status", "PLACED"));
		Object encoded = EncodedOnce.of(data);
		String first = json.writeValueAsString(encoded);
		data.put("status", "ACCEPTED"); // never done to shared data; here it shows that the text is not made again
		assertThat(json.writeValueAsString(encoded)).isEqualTo(first).contains("PLACED");
	}

	@Test
	void leavesValuesThatAreNotAnObjectAlone() {
		assertThat(EncodedOnce.of(42)).isEqualTo(42);
		assertThat(EncodedOnce.of(null)).isNull();
	}

}
