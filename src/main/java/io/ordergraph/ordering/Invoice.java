package io.ordergraph.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.ordergraph.platform.graphql.Money;

/** An invoice for one order (seed 004), as served in GraphQL and rendered to PDF. */
public record Invoice(String number, Instant issueDate, Party seller, Party customer, List<Line> lines,
		Money subtotal, BigDecimal taxRate, Money tax, Money total, String orderNumber, OrderStatus orderStatus) {

	/** GraphQL type {@code InvoiceParty}. */
	public record Party(String name, String address, String taxId, String phone, String email) {
	}

	/** GraphQL type {@code InvoiceLine}. */
	public record Line(String description, int quantity, Money unitPrice, Money amount) {
	}

}
