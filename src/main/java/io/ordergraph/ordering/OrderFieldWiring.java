package io.ordergraph.ordering;

import graphql.schema.idl.RuntimeWiring;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

import io.ordergraph.platform.graphql.ComputedField;
import io.ordergraph.platform.graphql.Decimal;
import io.ordergraph.platform.graphql.Money;

/**
 * The fields of Order, OrderLine, Invoice and OrderStatusChange computed from the object alone (totals, money,
 * renamed properties): property reads for the engine, see {@link ComputedField}.
 */
@Component
class OrderFieldWiring implements RuntimeWiringConfigurer {

	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		wiring.type("Order", type -> type
			.dataFetcher("subtotal", ComputedField.<Order, Money>of(order -> OrderTotals.of(order).subtotal()))
			.dataFetcher("tax", ComputedField.<Order, Money>of(order -> OrderTotals.of(order).tax()))
			.dataFetcher("total", ComputedField.<Order, Money>of(order -> OrderTotals.of(order).total()))
			.dataFetcher("placedBy", ComputedField.of(Order::getPlacedByKind)));
		wiring.type("OrderLine", type -> type
			.dataFetcher("unitPrice", ComputedField.<OrderLine, Money>of(line -> Money.of(line.getUnitPrice(), line.getCurrency())))
			.dataFetcher("amount", ComputedField.<OrderLine, Money>of(line -> Money.of(line.amount(), line.getCurrency()))));
		wiring.type("Invoice", type -> type
			.dataFetcher("taxRate", ComputedField.<Invoice, String>of(invoice -> Decimal.rate(invoice.taxRate()))));
		wiring.type("OrderStatusChange", type -> type
			.dataFetcher("at", ComputedField.of(OrderStatusChange::getChangedAt)));
	}

}
