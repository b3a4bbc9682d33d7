package io.ordergraph.cart;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.ordergraph.cart.internal.CartLineRepository;
import io.ordergraph.cart.internal.CartRepository;
import io.ordergraph.cart.internal.StoredCartLine;

/**
 * The cart's API for other modules (checkout): no Caller, no authorization; the calling module decides who may. Every
 * method joins the caller's transaction, so a cart emptied by a checkout whose order then fails is restored by the
 * rollback.
 */
@Service
public class CartService {

	private final CartRepository carts;

	private final CartLineRepository lines;

	private final CartQueries queries;

	CartService(CartRepository carts, CartLineRepository lines, CartQueries queries) {
		this.carts = carts;
		this.lines = lines;
		this.queries = queries;
	}

	/** The customer's cart as the GraphQL {@code Cart}, within the caller's transaction (checkout answers it). */
	@Transactional(readOnly = true)
	public Cart cartOf(UUID customerId) {
		return queries.view(customerId);
	}

	/** What the customer's cart holds, in the order it was added; empty when the customer has no cart. */
	@Transactional(readOnly = true)
	public List<CartItem> linesOf(UUID customerId) {
		return lines.findByCustomerIdOrderByAddedAtAscIdAsc(customerId)
			.stream()
			.map(line -> new CartItem(line.getProductId(), line.getQuantity()))
			.toList();
	}

	/**
	 * Locks the customer's cart for the rest of the caller's transaction, then answers what it holds: two checkouts
	 * of one cart run one after the other, and the second sees what the first left.
	 */
	@Transactional
	public List<CartItem> lockAndRead(UUID customerId) {
		return carts.findForUpdate(customerId).map(cart -> linesOf(customerId)).orElse(List.of());
	}

	/** Empties the customer's cart. */
	@Transactional
	public void clear(UUID customerId) {
		carts.findForUpdate(customerId).ifPresent(cart -> {
			lines.deleteAll(lines.findByCustomerIdOrderByAddedAtAscIdAsc(customerId));
			cart.touch();
		});
	}

	/**
	 * Takes these quantities out of the customer's cart; a line left with nothing goes. Checkout uses this rather than
	 * {@link #clear}, so that only what was ordered leaves the cart.
	 */
	@Transactional
	public void remove(UUID customerId, Collection<CartItem> items) {
		carts.findForUpdate(customerId).ifPresent(cart -> {
			for (CartItem item : items) {
				lines.findByCustomerIdAndProductId(customerId, item.productId()).ifPresent(line -> takeOut(line, item));
			}
			cart.touch();
		});
	}

	private void takeOut(StoredCartLine line, CartItem item) {
		if (line.getQuantity() <= item.quantity()) {
			lines.delete(line);
		}
		else {
			line.quantity(line.getQuantity() - item.quantity());
		}
	}

}
