package io.ordergraph.session;

import java.time.Instant;
import java.util.List;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderStatus;
import io.ordergraph.platform.graphql.Money;

/**
 * A table session's bill: every order with its lines, and totals per currency over the orders that count (rejected
 * and cancelled ones are listed but not counted). Once the session is closed nothing can be added: it is final.
 */
public record Bill(OrderSession session, List<Entry> orders, List<Total> totals, boolean closed, Instant at) {

	public record Entry(Order order, String number, OrderStatus status, boolean counted, List<Line> lines,
			Money subtotal, Money tax, Money total) {
	}

	public record Line(String productName, int quantity, Money unitPrice, Money amount) {
	}

	public record Total(String currency, Money subtotal, Money tax, Money total, int orderCount) {
	}

}
