package io.ordergraph.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.ordergraph.catalog.Product;
import io.ordergraph.platform.graphql.Money;

/**
 * A line of a {@link Cart}: the stored product and quantity, with the product's name and price as they are now.
 * @param product the product, whatever its visibility (the GraphQL field hides it from those who may not see it)
 * @param available whether checkout could order the line now: the product is on sale and its stock covers it
 */
public record CartLine(UUID productId, Product product, String productName, Money unitPrice, int quantity,
		Money amount, boolean available, Instant addedAt) {

	static CartLine of(Product product, int quantity, Instant addedAt) {
		Money unitPrice = Money.of(product.getPrice().amount(), product.getPrice().currency());
		Money amount = Money.of(unitPrice.amount().multiply(BigDecimal.valueOf(quantity)), unitPrice.currency());
		boolean available = product.isPublic() && product.getStock() >= quantity;
		return new CartLine(product.getId(), product, product.getName(), unitPrice, quantity, amount, available,
				addedAt);
	}

}
