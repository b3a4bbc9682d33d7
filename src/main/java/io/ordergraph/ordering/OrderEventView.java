package io.ordergraph.ordering;

import java.time.Instant;
import java.util.UUID;

import io.ordergraph.platform.events.StoredEvent;
import io.ordergraph.platform.graphql.SharedEvent;

/** GraphQL type {@code OrderEvent}: an order event from the log, with the order's state at that moment. */
public record OrderEventView(String cursor, String type, Instant occurredAt, String orderNumber, OrderStatus status,
		OrderStatus previousStatus, String note, UUID orderId) implements SharedEvent {

	static OrderEventView of(StoredEvent event) {
		Object previous = event.data().get("previousStatus");
		String type = switch (event.type()) {
			case OrderEvents.PLACED -> "PLACED";
			case OrderEvents.STATUS_CHANGED -> "STATUS_CHANGED";
			case OrderEvents.LINES_CHANGED -> "LINES_CHANGED";
			case OrderEvents.ARCHIVED -> "ARCHIVED";
			case OrderEvents.NOTIFICATION_CHANGED -> "NOTIFICATION";
			case OrderEvents.MESSAGE -> "MESSAGE";
			default -> throw new IllegalArgumentException("Not an order event: " + event.type());
		};
		return new OrderEventView(event.cursor(), type, event.occurredAt(), (String) event.data().get("number"),
				OrderStatus.valueOf((String) event.data().get("status")),
				previous == null ? null : OrderStatus.valueOf((String) previous), (String) event.data().get("note"),
				event.aggregateId());
	}

}
