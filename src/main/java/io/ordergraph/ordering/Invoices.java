package io.ordergraph.ordering;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.platform.graphql.Money;

/** Builds invoices from orders, for a whole page of orders at once. */
@Component
public class Invoices {

	private final OrderQueries queries;

	private final CustomerService customers;

	private final OrderingProperties properties;

	Invoices(OrderQueries queries, CustomerService customers, OrderingProperties properties) {
		this.queries = queries;
		this.customers = customers;
		this.properties = properties;
	}

	public Map<Order, Invoice> of(Collection<Order> orders) {
		List<UUID> ids = orders.stream().map(Order::getId).toList();
		Map<UUID, List<OrderLine>> lines = queries.lines(ids);
		Map<UUID, Customer> buyers = customers.findAllById(orders.stream().map(Order::getCustomerId).filter(java.util.Objects::nonNull).toList());
		Map<Order, Invoice> result = new LinkedHashMap<>();
		for (Order order : orders) {
			result.put(order, invoice(order, lines.get(order.getId()), buyers.get(order.getCustomerId())));
		}
		return result;
	}

	public Invoice of(Order order) {
		return of(List.of(order)).get(order);
	}

	private Invoice invoice(Order order, List<OrderLine> lines, Customer customer) {
		OrderingProperties.Seller s = properties.seller();
		Invoice.Party seller = new Invoice.Party(s.name(), s.address(), s.taxId(), s.phone(), s.email());
		Invoice.Party buyer = (customer == null) ? new Invoice.Party(order.getSessionId() != null ? "Table session guest" : "Unknown customer", null, null, null, null)
				: new Invoice.Party(customer.getName() + " (" + customer.getCode() + ")", null, null,
						customer.getPhone(), customer.getEmail());
		List<Invoice.Line> invoiceLines = lines.stream()
			.map(l -> new Invoice.Line(l.getProductName(), l.getQuantity(), Money.of(l.getUnitPrice(), l.getCurrency()),
					Money.of(l.amount(), l.getCurrency())))
			.toList();
		OrderTotals totals = OrderTotals.of(order);
		return new Invoice("INV-" + order.getNumber().substring(3), order.getPlacedAt(), seller, buyer, invoiceLines,
				totals.subtotal(), totals.taxRate(), totals.tax(), totals.total(), order.getNumber(), order.getStatus());
	}

}
