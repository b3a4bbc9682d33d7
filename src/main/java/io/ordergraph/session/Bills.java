package io.ordergraph.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderLine;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.ordering.OrderStatus;
import io.ordergraph.ordering.OrderTotals;
import io.ordergraph.platform.graphql.Money;

/** Builds session bills from the session's orders: two queries, however many orders. */
@Component
class Bills {

	private final OrderQueries orders;

	Bills(OrderQueries orders) {
		this.orders = orders;
	}

	Bill of(OrderSession session) {
		List<Order> all = orders.allOfSession(session.getId());
		Map<UUID, List<OrderLine>> lines = orders.lines(all.stream().map(Order::getId).toList());
		List<Bill.Entry> entries = new ArrayList<>();
		Map<String, BigDecimal[]> sums = new TreeMap<>();
		Map<String, Integer> counts = new TreeMap<>();
		for (Order order : all) {
			OrderTotals totals = OrderTotals.of(order);
			boolean counted = order.getStatus() != OrderStatus.REJECTED && order.getStatus() != OrderStatus.CANCELLED;
			List<Bill.Line> billLines = lines.get(order.getId())
				.stream()
				.map(l -> new Bill.Line(l.getProductName(), l.getQuantity(), Money.of(l.getUnitPrice(), l.getCurrency()),
						Money.of(l.amount(), l.getCurrency())))
				.toList();
			entries.add(new Bill.Entry(order, order.getNumber(), order.getStatus(), counted, billLines, totals.subtotal(),
					totals.tax(), totals.total()));
			if (counted) {
				BigDecimal[] sum = sums.computeIfAbsent(order.getCurrency(),
						c -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
				sum[0] = sum[0].add(totals.subtotal().amount());
				sum[1] = sum[1].add(totals.tax().amount());
				sum[2] = sum[2].add(totals.total().amount());
				counts.merge(order.getCurrency(), 1, Integer::sum);
			}
		}
		List<Bill.Total> totals = sums.entrySet()
			.stream()
			.map(e -> new Bill.Total(e.getKey(), Money.of(e.getValue()[0], e.getKey()), Money.of(e.getValue()[1], e.getKey()),
					Money.of(e.getValue()[2], e.getKey()), counts.get(e.getKey())))
			.toList();
		return new Bill(session, entries, totals, session.isClosed(),
				session.isClosed() ? session.getClosedAt() : Instant.now());
	}

}
