package io.ordergraph.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.cart.CartItem;
import io.ordergraph.cart.CartService;
import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.UserError;
import io.ordergraph.platform.security.Caller;

/**
 * Checkout (seed 003): a customer's cart becomes an order through {@link OrderPlacement}, which takes the stock and,
 * in the order's own transaction, takes the ordered lines out of the cart. A placement that fails rolls back both, so
 * the cart stays as it was.
 */
@Service
class Checkout {

	private final OrderPlacement placement;

	private final CartService carts;

	private final CustomerService customers;

	private final TransactionTemplate transactions;

	Checkout(OrderPlacement placement, CartService carts, CustomerService customers,
			TransactionTemplate transactions) {
		this.placement = placement;
		this.carts = carts;
		this.customers = customers;
		this.transactions = transactions;
	}

	OrderPayload checkout(String idempotencyKey, String note, Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		InputErrors errors = new InputErrors();
		// normalized as OrderPlacement normalizes them, so that a retry is recognized by what the first one stored
		String key = errors.text(idempotencyKey, 100, false, "input", "idempotencyKey");
		String cleanNote = errors.text(note, 500, false, "input", "note");
		if (errors.any()) {
			return OrderPayload.failed(errors.list());
		}
		Optional<Customer> customer = customers.findBySubject(caller.subject());
		if (customer.isEmpty()) {
			return OrderPayload.failed("CUSTOMER_NOT_REGISTERED", "Register as a customer before checking out");
		}
		UUID customerId = customer.get().getId();
		// One transaction, holding the cart's lock from the first read: concurrent checkouts of one cart (two tabs,
		// a double click) run one after the other, and the second finds the cart emptied by the first.
		return transactions.execute(tx -> {
			List<CartItem> items = carts.lockAndRead(customerId);
			// a retry comes after the first attempt emptied the cart, so it is recognized by its key first
			Optional<OrderPayload> first = replay(caller, key, cleanNote, customerId);
			if (first.isPresent()) {
				return first.get();
			}
			if (items.isEmpty()) {
				return OrderPayload.failed("CART_EMPTY", "Your cart is empty");
			}
			List<OrderPlacement.LineRequest> lines = items.stream()
				.map(item -> new OrderPlacement.LineRequest(item.productId(), item.quantity()))
				.toList();
			OrderPayload payload = placement.place(new OrderPlacement.PlaceOrder(null, lines, key, cleanNote,
					() -> carts.remove(customerId, items)), caller);
			if (payload.errors().isEmpty()) {
				return payload;
			}
			tx.setRollbackOnly();
			return OrderPayload.failed(payload.errors().stream().map(Checkout::aboutCart).toList());
		});
	}

	/** The order first placed with this key; the same key with another note or for another customer is a reuse. */
	private Optional<OrderPayload> replay(Caller caller, String key, String note, UUID customerId) {
		if (key == null) {
			return Optional.empty();
		}
		return placement.findByIdempotencyKey(caller, key)
			.map(order -> (order.getCustomerId().equals(customerId) && Objects.equals(order.getNote(), note))
					? OrderPayload.ok(order)
					: OrderPayload.failed("IDEMPOTENCY_KEY_REUSED", "idempotencyKey was already used for a different order",
							"input", "idempotencyKey"));
	}

	/**
	 * Placement names the lines it was given ({@code [input, lines, i, ...]}); checkout's input has none, they are
	 * the cart's lines, in the order {@code myCart.lines} shows them.
	 */
	private static UserError aboutCart(UserError error) {
		List<String> field = error.field();
		if (field.size() < 2 || !field.get(0).equals("input") || !field.get(1).equals("lines")) {
			return error;
		}
		List<String> path = new ArrayList<>(List.of("cart"));
		path.addAll(field.subList(1, field.size()));
		return new UserError(error.code(), List.copyOf(path), error.message());
	}

}
