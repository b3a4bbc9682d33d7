package io.ordergraph.cart;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.cart.internal.CartLineRepository;
import io.ordergraph.cart.internal.CartRepository;
import io.ordergraph.cart.internal.StoredCart;
import io.ordergraph.cart.internal.StoredCartLine;
import io.ordergraph.catalog.CatalogService;
import io.ordergraph.catalog.ProductView;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.security.Caller;

/**
 * A signed-in customer changing their own cart (seed 003). Each change is one transaction that first locks the cart
 * row, so concurrent changes of one cart happen one after another and its limits hold; a refused change rolls back
 * and so changes nothing. Stock is checked here but not reserved: checkout takes it, and checks again.
 */
@Service
class CartChanges {

	static final int MAX_LINES = 100;

	static final int MAX_QUANTITY = 10_000;

	private static final String PRODUCT = "Product";

	private final CartRepository carts;

	private final CartLineRepository lines;

	private final CartService service;

	private final CartQueries queries;

	private final CatalogService catalog;

	private final TransactionTemplate transactions;

	CartChanges(CartRepository carts, CartLineRepository lines, CartService service, CartQueries queries,
			CatalogService catalog, TransactionTemplate transactions) {
		this.carts = carts;
		this.lines = lines;
		this.service = service;
		this.queries = queries;
		this.catalog = catalog;
		this.transactions = transactions;
	}

	/** What a change does to the locked cart of a customer; it records in {@code errors} why it refuses. */
	private interface Change {

		void apply(UUID customerId, InputErrors errors);

	}

	CartPayload add(String productId, int quantity, Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		UUID product = GlobalId.decode(productId, PRODUCT);
		InputErrors errors = new InputErrors();
		if (quantity < 1 || quantity > MAX_QUANTITY) {
			errors.add(InputErrors.INVALID_INPUT, "must be between 1 and " + MAX_QUANTITY, "input", "quantity");
		}
		return change(caller, errors, (customerId, refused) -> {
			Optional<StoredCartLine> line = lines.findByCustomerIdAndProductId(customerId, product);
			put(customerId, product, line, line.map(StoredCartLine::getQuantity).orElse(0) + quantity, refused);
		});
	}

	/** Adds the line when missing. Lowering a quantity is never refused: it only brings the cart nearer to orderable. */
	CartPayload setQuantity(String productId, int quantity, Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		UUID product = GlobalId.decode(productId, PRODUCT);
		InputErrors errors = new InputErrors();
		if (quantity < 1) {
			errors.add(InputErrors.INVALID_INPUT, "must be at least 1; use removeFromCart to take the product out",
					"input", "quantity");
		}
		return change(caller, errors, (customerId, refused) -> {
			Optional<StoredCartLine> line = lines.findByCustomerIdAndProductId(customerId, product);
			if (line.isPresent() && quantity <= line.get().getQuantity()) {
				line.get().quantity(quantity);
			}
			else {
				put(customerId, product, line, quantity, refused);
			}
		});
	}

	/** Removing a product that is not in the cart is no error: the cart already is as asked. */
	CartPayload remove(String productId, Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		UUID product = GlobalId.decode(productId, PRODUCT);
		return change(caller, new InputErrors(),
				(customerId, refused) -> lines.findByCustomerIdAndProductId(customerId, product).ifPresent(lines::delete));
	}

	CartPayload clear(boolean confirm, Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		InputErrors errors = new InputErrors();
		if (!confirm) {
			errors.add(InputErrors.INVALID_INPUT, "must be true to empty your cart", "input", "confirm");
		}
		return change(caller, errors, (customerId, refused) -> service.clear(customerId));
	}

	private CartPayload change(Caller caller, InputErrors invalid, Change change) {
		if (invalid.any()) {
			return CartPayload.failed(invalid.list());
		}
		Optional<UUID> customer = queries.ownCustomerId(caller);
		if (customer.isEmpty()) {
			return CartPayload.failed("CUSTOMER_NOT_REGISTERED", "Register as a customer before using a cart");
		}
		UUID customerId = customer.get();
		return transactions.execute(tx -> {
			carts.createIfAbsent(customerId);
			StoredCart cart = carts.findForUpdate(customerId).orElseThrow();
			InputErrors refused = new InputErrors();
			change.apply(customerId, refused);
			if (refused.any()) {
				// also undoes the cart row created above: a refused change leaves no trace
				tx.setRollbackOnly();
				return CartPayload.failed(refused.list());
			}
			cart.touch();
			return CartPayload.ok(queries.view(customerId));
		});
	}

	/** Makes the cart hold {@code wanted} of the product, if the limits, the catalog and the stock allow it. */
	private void put(UUID customerId, UUID productId, Optional<StoredCartLine> line, int wanted, InputErrors errors) {
		if (wanted > MAX_QUANTITY) {
			errors.add(InputErrors.INVALID_INPUT,
					"would make " + wanted + " in your cart; at most " + MAX_QUANTITY + " of one product", "input",
					"quantity");
			return;
		}
		Optional<ProductView> product = catalog.findForOrdering(productId).filter(ProductView::orderable);
		if (product.isEmpty()) {
			errors.addMessage("PRODUCT_UNAVAILABLE", "The product " + io.ordergraph.platform.graphql.GlobalId
				.encode("Product", productId) + " is not on sale (it is hidden, archived or unknown).", "input",
					"productId");
			return;
		}
		if (line.isEmpty() && !fits(customerId, product.get(), errors)) {
			return;
		}
		if (wanted > product.get().stock()) {
			errors.add("OUT_OF_STOCK", "would make " + wanted + " " + product.get().name() + " in your cart; only "
					+ product.get().stock() + " left", "input", "quantity");
			return;
		}
		if (line.isPresent()) {
			line.get().quantity(wanted);
		}
		else {
			lines.save(new StoredCartLine(customerId, productId, wanted));
		}
	}

	/** Whether a new line fits the cart: room for one more line, and the same currency as the products in it. */
	private boolean fits(UUID customerId, ProductView product, InputErrors errors) {
		List<UUID> inCart = lines.findByCustomerIdOrderByAddedAtAscIdAsc(customerId)
			.stream()
			.map(StoredCartLine::getProductId)
			.toList();
		if (inCart.size() >= MAX_LINES) {
			errors.add(InputErrors.INVALID_INPUT, "cannot be added: a cart holds at most " + MAX_LINES
					+ " different products", "input", "productId");
			return false;
		}
		String currency = product.price().currency();
		// today's prices of the products in the cart, as checkout will order them
		Optional<String> other = catalog.findProducts(inCart)
			.values()
			.stream()
			.map(p -> p.getPrice().currency())
			.filter(c -> !c.equals(currency))
			.findFirst();
		other.ifPresent(cartCurrency -> errors.add("MIXED_CURRENCY",
				"is priced in " + currency + ", the products in your cart in " + cartCurrency, "input", "productId"));
		return other.isEmpty();
	}

}
