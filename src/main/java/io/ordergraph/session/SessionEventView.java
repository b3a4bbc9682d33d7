package io.ordergraph.session;

import java.time.Instant;
import java.util.List;

import io.ordergraph.ordering.OrderStatus;
import io.ordergraph.platform.graphql.Money;
import io.ordergraph.platform.graphql.SharedEvent;

/**
 * GraphQL type {@code OrderSessionEvent}: built once per event and instance and shared by every subscriber, so that
 * its fields need no query per subscriber.
 */
public record SessionEventView(String cursor, String type, Instant occurredAt, String sessionId, String sessionLabel,
		OrderSessionState sessionState, String guestName, EventOrder order) implements SharedEvent {

	/** GraphQL type {@code OrderSessionEventOrder}. */
	public record EventOrder(String id, String number, OrderStatus status, OrderStatus previousStatus,
			List<Bill.Line> lines, Money total) {
	}

	boolean closes() {
		return "SESSION_CLOSED".equals(type);
	}

}
