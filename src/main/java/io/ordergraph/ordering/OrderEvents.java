package io.ordergraph.ordering;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.ordergraph.platform.events.DomainEvent;
import io.ordergraph.platform.events.EventPublisher;
import io.ordergraph.platform.events.StoredEvent;

/** The order events written to the event log, and how to read them back. */
@Component
public class OrderEvents {

	public static final String AGGREGATE = "Order";

	public static final String PLACED = "OrderPlaced";

	public static final String STATUS_CHANGED = "OrderStatusChanged";

	public static final String LINES_CHANGED = "OrderLinesChanged";

	public static final String ARCHIVED = "OrderArchived";

	/** Data key of the table session an order event belongs to (absent for customers' orders). */
	public static final String SESSION_ID = "sessionId";

	static final Set<String> STATUS_TYPES = Set.of(PLACED, STATUS_CHANGED);

	private final EventPublisher publisher;

	OrderEvents(EventPublisher publisher) {
		this.publisher = publisher;
	}

	void publish(String type, Order order, OrderStatus previousStatus, String note) {
		Map<String, Object> data = new HashMap<>();
		data.put("number", order.getNumber());
		data.put("status", order.getStatus().name());
		if (previousStatus != null) {
			data.put("previousStatus", previousStatus.name());
		}
		if (note != null) {
			data.put("note", note);
		}
		if (order.getSessionId() != null) {
			data.put(SESSION_ID, order.getSessionId().toString());
		}
		publisher.publish(new DomainEvent(type, AGGREGATE, order.getId(), order.getCustomerId(), data));
	}

	static boolean isOrderEvent(StoredEvent event) {
		return AGGREGATE.equals(event.aggregateType());
	}

}
