package io.ordergraph.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.ordergraph.platform.graphql.Money;

/**
 * What another module needs to know of a product to order it, read fresh from the database: its name and price now
 * (an order copies them onto its lines), the stock left, and whether it may be ordered at all.
 */
public record ProductView(UUID id, String name, Money price, int stock, boolean visible, boolean archived) {

	/** The constructor of the JPQL projection in ProductRepository. */
	public ProductView(UUID id, String name, BigDecimal priceAmount, String priceCurrency, int stock, boolean visible,
			Instant archivedAt) {
		this(id, name, new Money(priceAmount, priceCurrency), stock, visible, archivedAt != null);
	}

	/** Whether customers may order it: visible and not archived. (Staff may still choose to sell a hidden one.) */
	public boolean orderable() {
		return visible && !archived;
	}

}
