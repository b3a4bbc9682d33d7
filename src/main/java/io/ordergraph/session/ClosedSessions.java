package io.ordergraph.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;

import org.springframework.stereotype.Component;

import io.ordergraph.platform.events.EventStream;

/**
 * The sessions this instance has seen close since it started, learned from the event log (so on every instance), to
 * end guests' long-lived subscriptions without a query per event. New requests check the database instead.
 */
@Component
public class ClosedSessions {

	private final EventStream stream;

	private final SessionProperties properties;

	private final Map<UUID, Instant> closed = new ConcurrentHashMap<>();

	ClosedSessions(EventStream stream, SessionProperties properties) {
		this.stream = stream;
		this.properties = properties;
	}

	@PostConstruct
	void listen() {
		// observed on the dispatching thread: known closed before any subscriber sees a later event of the session
		stream.observe(e -> {
			if (SessionEvents.AGGREGATE.equals(e.aggregateType()) && SessionEvents.CLOSED.equals(e.type())) {
				// a guest token outlives its session's close by at most its lifetime
				Instant forgetBefore = Instant.now().minus(properties.guestTokenLifetime());
				closed.values().removeIf(at -> at.isBefore(forgetBefore));
				closed.put(e.aggregateId(), Instant.now());
			}
		});
	}

	public boolean isClosed(UUID sessionId) {
		return closed.containsKey(sessionId);
	}

}
