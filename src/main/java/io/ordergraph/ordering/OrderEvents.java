package io.ordergraph.ordering;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.ordergraph.ordering.internal.OrderRepository;
import io.ordergraph.platform.events.DomainEvent;
import io.ordergraph.platform.events.EventPublisher;
import io.ordergraph.platform.events.StoredEvent;
import io.ordergraph.platform.graphql.Money;

/** The order events written to the event log, and how to read them back. */
@Component
public class OrderEvents {

	public static final String AGGREGATE = "Order";

	public static final String PLACED = "OrderPlaced";

	public static final String STATUS_CHANGED = "OrderStatusChanged";

	public static final String LINES_CHANGED = "OrderLinesChanged";

	public static final String ARCHIVED = "OrderArchived";

	/** A message for the customer from an external system (an integrator), without a status change. */
	public static final String MESSAGE = "OrderMessage";

	/** Data key of the table session an order event belongs to (absent for customers' orders). */
	public static final String SESSION_ID = "sessionId";
	/** A notification about the order (e.g. an SMS) changed status; data {@code notificationStatus}. */
	public static final String NOTIFICATION_CHANGED = "OrderNotificationChanged";

	/** Data key marking an event for staff only: customers following their order do not get it. */
	public static final String STAFF_ONLY = "staffOnly";

	static final Set<String> STATUS_TYPES = Set.of(PLACED, STATUS_CHANGED);

	private final EventPublisher publisher;

	private final OrderRepository orders;

	OrderEvents(EventPublisher publisher, OrderRepository orders) {
		this.publisher = publisher;
		this.orders = orders;
	}

	/**
	 * Records, inside the caller's transaction, that a notification about the order changed status, so that it
	 * appears on the order's live events. Unknown orders are ignored.
	 */
	public void notificationChanged(UUID orderId, String notificationStatus, String note) {
		notificationChanged(orderId, notificationStatus, note, false);
	}

	/** As above; {@code staffOnly}: only staff following the order see it (e.g. how a hand-over to a partner went). */
	public void notificationChanged(UUID orderId, String notificationStatus, String note, boolean staffOnly) {
		orders.findById(orderId).ifPresent(order -> {
			Map<String, Object> data = base(order);
			data.put("notificationStatus", notificationStatus);
			if (staffOnly) {
				data.put(STAFF_ONLY, true);
			}
			if (note != null) {
				data.put("note", note);
			}
			publisher.publish(new DomainEvent(NOTIFICATION_CHANGED, AGGREGATE, order.getId(), order.getCustomerId(), data));
		});
	}

	private static Map<String, Object> base(Order order) {
		Map<String, Object> data = new HashMap<>();
		data.put("number", order.getNumber());
		data.put("status", order.getStatus().name());
		Money total = OrderTotals.of(order).total();
		data.put("total", total.amount().toPlainString());
		data.put("currency", total.currency());
		return data;
	}

	void publish(String type, Order order, OrderStatus previousStatus, String note) {
		Map<String, Object> data = base(order);
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

	static boolean staffOnly(StoredEvent event) {
		return Boolean.TRUE.equals(event.data().get(STAFF_ONLY));
	}

	static boolean isOrderEvent(StoredEvent event) {
		return AGGREGATE.equals(event.aggregateType());
	}

}
