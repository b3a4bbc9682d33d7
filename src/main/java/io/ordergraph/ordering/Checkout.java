package io.ordergraph.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.cart.Cart;
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

	CheckoutPayload checkout(String idempotencyKey, String note, Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		InputErrors errors = new InputErrors();
		// normalized as OrderPlacement normalizes them, so that a retry is recognized by what the first one stored
		String key = errors.text(idempotencyKey, 100, false, "input", "idempotencyKey");
		String cleanNote = errors.text(note, 500, false, "input", "note");
		if (errors.any()) {
			return new CheckoutPayload(null, null, errors.list());
		}
		Optional<Customer> customer = customers.findBySubject(caller.subject());
		if (customer.isEmpty()) {
			return new CheckoutPayload(null, null, List.of(UserError.of("CUSTOMER_NOT_REGISTERED",
					"Register as a customer before checking out.")));
		}
		UUID customerId = customer.get().getId();
		String fingerprint = OrderPlacement.sha256("checkout|" + customerId + "|" + cleanNote);
		// One transaction, holding the cart's lock from the first read: concurrent checkouts of one cart (two tabs,
		// a double click) run one after the other, and the second finds the cart emptied by the first.
		return transactions.execute(tx -> {
			List<CartItem> items = carts.lockAndRead(customerId);
			// a retry comes after the first attempt emptied the cart, so it is recognized by its key first
			Optional<OrderPayload> first = replay(caller, key, fingerprint, items);
			if (first.isPresent()) {
				return CheckoutPayload.of(first.get(), carts.cartOf(customerId));
			}
			if (items.isEmpty()) {
				return CheckoutPayload.of(OrderPayload.failed("CART_EMPTY", "Your cart is empty: there is nothing to check out."),
						carts.cartOf(customerId));
			}
			List<OrderPlacement.LineRequest> lines = items.stream()
				.map(item -> new OrderPlacement.LineRequest(item.productId(), item.quantity()))
				.toList();
			OrderPayload payload = placement.place(new OrderPlacement.PlaceOrder(null, lines, key, cleanNote,
					() -> carts.remove(customerId, items), fingerprint), caller);
			if (payload.errors().isEmpty()) {
				return CheckoutPayload.of(payload, carts.cartOf(customerId));
			}
			tx.setRollbackOnly();
			// the cart as it was: the failed placement is rolled back with this transaction
			Cart cart = carts.cartOf(customerId);
			return new CheckoutPayload(null, cart,
					payload.errors().stream().map(error -> aboutCart(error, cart)).toList());
		});
	}

	/**
	 * The order first placed with this key, when this is a retry of that checkout: the same fingerprint (customer
	 * and note), and the cart as that checkout left it, empty. A key that comes back with another note, from
	 * another mutation, or while the cart holds new lines is IDEMPOTENCY_KEY_REUSED: the first order is not
	 * answered as if it were the new one, and the new lines stay in the cart.
	 */
	private Optional<OrderPayload> replay(Caller caller, String key, String fingerprint, List<CartItem> items) {
		if (key == null) {
			return Optional.empty();
		}
		return placement.findByIdempotencyKey(caller, key).map(order -> {
			if (!fingerprint.equals(order.getRequestHash())) {
				return OrderPlacement.keyReused();
			}
			if (!items.isEmpty()) {
				return OrderPayload.failed("IDEMPOTENCY_KEY_REUSED",
						"This idempotency key was already used for an earlier checkout, and your cart now holds new "
								+ "lines; check them out with a new key.",
						"input", "idempotencyKey");
			}
			return OrderPayload.ok(order);
		});
	}

	/**
	 * Placement names the lines it was given ({@code [input, lines, i, ...]}); checkout's input has none, they are
	 * the cart's lines, in the order {@code myCart.lines} shows them.
	 */
	private static UserError aboutCart(UserError error, Cart cart) {
		List<String> field = error.field();
		if (field.size() < 3 || !field.get(0).equals("input") || !field.get(1).equals("lines")) {
			return error;
		}
		List<String> path = new ArrayList<>(List.of("cart"));
		path.addAll(field.subList(1, field.size()));
		String message = error.message();
		int index = Integer.parseInt(field.get(2));
		if (error.code().equals("PRODUCT_UNAVAILABLE") && index < cart.lines().size()) {
			// the customer saw this name in their cart
			message = cart.lines().get(index).productName()
					+ " is no longer on sale; remove it from your cart to check out.";
		}
		return new UserError(error.code(), List.copyOf(path), message);
	}

}
