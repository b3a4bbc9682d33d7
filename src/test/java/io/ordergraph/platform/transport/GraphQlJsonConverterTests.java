package io.ordergraph.platform.transport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.http.MediaType;
import org.springframework.mock.http.MockHttpOutputMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** An answer written by walking it reads exactly as the mapper would have written it. */
class GraphQlJsonConverterTests {

	enum Classification {
		BAD_REQUEST
	}

	private static Map<String, Object> answer() {
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("id", "UHJvZHVjdDox");
		product.put("name", "Chai \"masala\" \\ ☕ \u0001 </script>");
		product.put("description", null);
		product.put("stock", 12);
		product.put("version", 9_000_000_000L);
		product.put("rating", 4.25);
		product.put("price", Map.of("amount", new BigDecimal("1.5E+3"), "currency", "KES"));
		product.put("weight", new BigDecimal("0.0000001"));
		product.put("big", new BigInteger("123456789012345678901234567890"));
		product.put("visible", true);
		product.put("odd", Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, -0.0, null, Float.valueOf(1.5f)));
		List<Object> edges = new ArrayList<>();
		edges.add(Map.of("node", product, "cursor", "c2Vlazox"));
		edges.add(null);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("products", Map.of("edges", edges, "pageInfo", Map.of("hasNextPage", false)));
		data.put("empty", Map.of());
		data.put("none", List.of());
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("classification", Classification.BAD_REQUEST);
		extensions.put("at", Instant.parse("2026-12-07T14:00:00Z"));
		extensions.put("numbered", Map.of(1, "one"));
		extensions.put("set", new LinkedHashSet<>(List.of("a", "b")));
		extensions.put("short", (short) 7);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("data", data);
		answer.put("errors", List.of(Map.of("message", "No", "path", List.of("products", 0), "extensions", extensions)));
		return answer;
	}

	private static String written(JsonMapper mapper, Object value) throws Exception {
		MockHttpOutputMessage output = new MockHttpOutputMessage();
		new GraphQlJsonConverter(mapper).write(value, MediaType.APPLICATION_JSON, output);
		return output.getBodyAsString(StandardCharsets.UTF_8);
	}

	@Test
	void writesWhatTheMapperWrites() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, Object> answer = answer();
		assertThat(written(mapper, answer)).isEqualTo(mapper.writeValueAsString(answer));
	}

	@Test
	void keepsTheGeneratorsFeatures() throws Exception {
		JsonMapper mapper = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
		Map<String, Object> answer = answer();
		String json = written(mapper, answer);
		assertThat(json).isEqualTo(mapper.writeValueAsString(answer)).contains("\"amount\":1500");
	}

	@Test
	void leavesOtherBodiesToTheMapper() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		List<Object> list = List.of(1, "two");
		assertThat(written(mapper, list)).isEqualTo("[1,\"two\"]");
	}

	/** Shows that the tree is walked here: a serializer the mapper has for strings is not asked. */
	@Test
	void writesTheTreeItselfNotThroughTheMapper() throws Exception {
		SimpleModule shouting = new SimpleModule().addSerializer(String.class, new ValueSerializer<String>() {
			@Override
			public void serialize(String value, JsonGenerator generator, SerializationContext context) {
				generator.writeString(value.toUpperCase());
			}
		});
		JsonMapper mapper = JsonMapper.builder().addModule(shouting).build();
		Map<String, Object> answer = Map.of("data", Map.of("name", "chai"));
		assertThat(mapper.writeValueAsString(answer)).contains("CHAI");
		assertThat(written(mapper, answer)).isEqualTo("{\"data\":{\"name\":\"chai\"}}");
	}

}
