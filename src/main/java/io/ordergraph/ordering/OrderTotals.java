package io.ordergraph.ordering;

import java.math.BigDecimal;

import io.ordergraph.platform.graphql.Money;

/** An order's subtotal, tax and total, rounded to the currency's minor unit. */
public record OrderTotals(Money subtotal, BigDecimal taxRate, Money tax, Money total) {

	public static OrderTotals of(Order order) {
		Money subtotal = Money.of(order.getSubtotal(), order.getCurrency());
		Money tax = Money.of(subtotal.amount().multiply(order.getTaxRate()), order.getCurrency());
		return new OrderTotals(subtotal, order.getTaxRate(), tax,
				Money.of(subtotal.amount().add(tax.amount()), order.getCurrency()));
	}

}
