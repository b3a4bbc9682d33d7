package io.ordergraph.ordering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * The status history and invoice of orders, each batched over the whole page of parents. An order's lines, customer
 * and its lines' products are in {@link OrderChildren}; fields computed from the object alone in
 * {@link OrderFieldWiring}.
 */
@Controller
class OrderFieldsController {

	private final OrderQueries queries;

	private final Invoices invoices;

	OrderFieldsController(OrderQueries queries, Invoices invoices) {
		this.queries = queries;
		this.invoices = invoices;
	}

	@BatchMapping(typeName = "Order")
	Map<Order, List<OrderStatusChange>> statusHistory(List<Order> orders) {
		return byOrder(orders, queries.history(orders.stream().map(Order::getId).toList()));
	}

	@BatchMapping(typeName = "Order")
	Map<Order, Invoice> invoice(List<Order> orders) {
		return invoices.of(orders);
	}

	static <T> Map<Order, T> byOrder(java.util.Collection<Order> orders, Map<UUID, T> byId) {
		Map<Order, T> result = new LinkedHashMap<>();
		orders.forEach(o -> result.put(o, byId.get(o.getId())));
		return result;
	}

}
