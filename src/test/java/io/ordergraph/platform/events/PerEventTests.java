package io.ordergraph.platform.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerEventTests {

	private static StoredEvent event(long sequence) {
		return new StoredEvent(sequence, UUID.randomUUID(), "OrderPlaced", "Order", UUID.randomUUID(), null,
				Map.of("number", "OG-" + sequence), Instant.now());
	}

	@Test
	void anEventDeliveredToManySubscribersIsMappedOnce() {
		AtomicInteger computed = new AtomicInteger();
		PerEvent<String> views = new PerEvent<>(e -> computed.incrementAndGet() + ":" + e.data().get("number"));
		StoredEvent first = event(7);
		StoredEvent second = event(8);
		for (int subscriber = 0; subscriber < 1000; subscriber++) {
			assertThat(views.apply(first)).isEqualTo("1:OG-7");
			assertThat(views.apply(second)).isEqualTo("2:OG-8");
		}
		assertThat(computed).hasValue(2);
	}

	@Test
	void anotherEventWithTheSameSequenceIsMappedAfresh() {
		// e.g. a replay read for one subscriber, or a second application context on another database
		PerEvent<Object> views = new PerEvent<>(e -> e.data().get("number") + "@" + e.aggregateId());
		StoredEvent live = event(7);
		StoredEvent other = event(7);
		assertThat(views.apply(live)).isNotEqualTo(views.apply(other));
		assertThat(views.apply(live)).isEqualTo(views.apply(live));
	}

}
