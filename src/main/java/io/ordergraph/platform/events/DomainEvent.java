package io.ordergraph.platform.events;

import java.util.Map;
import java.util.UUID;

/**
 * A fact to record with the change that caused it.
 * @param type past-tense name, e.g. {@code OrderPlaced}
 * @param aggregateType the kind of thing it happened to, e.g. {@code Order}
 * @param aggregateId which one
 * @param ownerId the customer (or other owner) entitled to see it, or null
 * @param data what subscribers need to know, JSON-serializable
 */
public record DomainEvent(String type, String aggregateType, UUID aggregateId, UUID ownerId, Map<String, Object> data) {

	public DomainEvent {
		data = Map.copyOf(data);
	}

}
