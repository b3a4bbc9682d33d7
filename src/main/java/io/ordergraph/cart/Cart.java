package io.ordergraph.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.ordergraph.platform.graphql.Money;
import io.ordergraph.platform.graphql.NodeSource;

/**
 * A customer's cart as the GraphQL type {@code Cart} shows it: its lines at today's prices, read in one go with the
 * products they name. Its id is the customer's id, so even a cart never used has one.
 * @param total the sum of the lines; null when empty, or when products were repriced into different currencies since
 * they were added (checkout then answers MIXED_CURRENCY)
 * @param itemCount how many units in all
 * @param updatedAt when the cart last changed; null when it never did
 */
public record Cart(UUID id, List<CartLine> lines, Money total, int itemCount, Instant updatedAt)
		implements NodeSource {

	static final String NODE_TYPE = "Cart";

	static Cart of(UUID customerId, List<CartLine> lines, Instant updatedAt) {
		List<String> currencies = lines.stream().map(line -> line.amount().currency()).distinct().toList();
		Money total = null;
		if (currencies.size() == 1) {
			BigDecimal sum = lines.stream().map(line -> line.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
			total = Money.of(sum, currencies.get(0));
		}
		int itemCount = lines.stream().mapToInt(CartLine::quantity).sum();
		return new Cart(customerId, List.copyOf(lines), total, itemCount, updatedAt);
	}

	@Override
	public UUID getId() {
		return id;
	}

}
