package io.ordergraph.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.stereotype.Component;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.ordering.OrderLine;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.ordering.OrderStatus;
import io.ordergraph.ordering.OrderTotals;
import io.ordergraph.platform.events.StoredEvent;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.Money;
import io.ordergraph.session.internal.OrderSessionRepository;

/**
 * Turns log events into {@link SessionEventView}s, once per event on this instance however many subscribers receive
 * it (1,000 guests of one table cost the same few queries as one). Views are kept for the most recent events only.
 */
@Component
class SessionEventViews {

	private static final int KEEP = 2_000;

	private final OrderSessionRepository sessions;

	private final OrderQueries orders;

	private final Map<Long, SessionEventView> views = new ConcurrentSkipListMap<>();

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	SessionEventViews(OrderSessionRepository sessions, OrderQueries orders) {
		this.sessions = sessions;
		this.orders = orders;
	}

	/** Session events, and order events of orders placed into a session. */
	static boolean concernsSessions(StoredEvent event) {
		if (SessionEvents.isSessionEvent(event)) {
			return true;
		}
		return OrderEvents.AGGREGATE.equals(event.aggregateType()) && event.data().get(OrderEvents.SESSION_ID) != null
				&& !OrderEvents.ARCHIVED.equals(event.type());
	}

	static UUID sessionOf(StoredEvent event) {
		return SessionEvents.isSessionEvent(event) ? event.aggregateId()
				: UUID.fromString((String) event.data().get(OrderEvents.SESSION_ID));
	}

	SessionEventView view(StoredEvent event) {
		SessionEventView view = views.get(event.sequence());
		if (view != null) {
			return view;
		}
		// one subscriber builds it, the others wait for that and share the result
		Object lock = locks.computeIfAbsent(event.sequence(), s -> new Object());
		synchronized (lock) {
			view = views.get(event.sequence());
			if (view == null) {
				view = build(event);
				views.put(event.sequence(), view);
				trim();
			}
		}
		locks.remove(event.sequence());
		return view;
	}

	private void trim() {
		while (views.size() > KEEP) {
			((ConcurrentSkipListMap<Long, SessionEventView>) views).pollFirstEntry();
		}
	}

	SessionEventView build(StoredEvent event) {
		UUID sessionId = sessionOf(event);
		String globalSession = GlobalId.encode(OrderSessionController.TYPE, sessionId);
		Map<String, Object> data = event.data();
		if (SessionEvents.isSessionEvent(event)) {
			String type = switch (event.type()) {
				case SessionEvents.OPENED -> "SESSION_OPENED";
				case SessionEvents.GUEST_JOINED -> "GUEST_JOINED";
				case SessionEvents.VERIFIED -> "SESSION_VERIFIED";
				case SessionEvents.CLOSED -> "SESSION_CLOSED";
				default -> throw new IllegalArgumentException("Not a session event: " + event.type());
			};
			return new SessionEventView(event.cursor(), type, event.occurredAt(), globalSession,
					(String) data.get("label"), OrderSessionState.valueOf((String) data.get("state")),
					(String) data.get("guestName"), null);
		}
		Optional<OrderSession> session = sessions.findById(sessionId);
		Order order = orders.findAllById(List.of(event.aggregateId())).stream().findFirst().orElse(null);
		SessionEventView.EventOrder eventOrder = null;
		if (order != null) {
			List<OrderLine> lines = orders.lines(List.of(order.getId())).get(order.getId());
			Object previous = data.get("previousStatus");
			eventOrder = new SessionEventView.EventOrder(GlobalId.encode("Order", order.getId()), order.getNumber(),
					OrderStatus.valueOf((String) data.get("status")),
					previous == null ? null : OrderStatus.valueOf((String) previous),
					lines.stream()
						.map(l -> new Bill.Line(l.getProductName(), l.getQuantity(),
								Money.of(l.getUnitPrice(), l.getCurrency()), Money.of(l.amount(), l.getCurrency())))
						.toList(),
					OrderTotals.of(order).total());
		}
		return new SessionEventView(event.cursor(),
				OrderEvents.PLACED.equals(event.type()) ? "ORDER_PLACED" : "ORDER_UPDATED", event.occurredAt(),
				globalSession, session.map(OrderSession::getLabel).orElse(""),
				session.map(OrderSession::getState).orElse(OrderSessionState.CLOSED), null, eventOrder);
	}

}
