package io.ordergraph.session;

import java.util.HashMap;
import java.util.Map;

import io.ordergraph.platform.events.DomainEvent;
import io.ordergraph.platform.events.EventPublisher;
import io.ordergraph.platform.events.StoredEvent;

/** The table session events written to the event log. */
final class SessionEvents {

	static final String AGGREGATE = "OrderSession";

	static final String OPENED = "OrderSessionOpened";

	static final String GUEST_JOINED = "OrderSessionGuestJoined";

	static final String VERIFIED = "OrderSessionVerified";

	static final String CLOSED = "OrderSessionClosed";

	private SessionEvents() {
	}

	static void publish(EventPublisher publisher, String type, OrderSession session, String guestName) {
		Map<String, Object> data = new HashMap<>();
		data.put("label", session.getLabel());
		data.put("state", session.getState().name());
		if (guestName != null) {
			data.put("guestName", guestName);
		}
		publisher.publish(new DomainEvent(type, AGGREGATE, session.getId(), null, data));
	}

	static boolean isSessionEvent(StoredEvent event) {
		return AGGREGATE.equals(event.aggregateType());
	}

}
