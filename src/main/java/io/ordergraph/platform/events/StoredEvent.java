package io.ordergraph.platform.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A domain event as the event log holds it; {@code sequence} is its position, the cursor clients resume from. */
public record StoredEvent(long sequence, UUID id, String type, String aggregateType, UUID aggregateId, UUID ownerId,
		Map<String, Object> data, Instant occurredAt) {

	public String cursor() {
		return EventCursor.encode(sequence);
	}

}
