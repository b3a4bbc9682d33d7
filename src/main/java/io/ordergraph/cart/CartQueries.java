package io.ordergraph.cart;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.ordergraph.cart.internal.CartLineRepository;
import io.ordergraph.cart.internal.CartRepository;
import io.ordergraph.cart.internal.StoredCart;
import io.ordergraph.cart.internal.StoredCartLine;
import io.ordergraph.catalog.CatalogService;
import io.ordergraph.catalog.Product;
import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.platform.security.Caller;

/** Reading carts: a customer sees only their own. */
@Service
class CartQueries {

	private final CartRepository carts;

	private final CartLineRepository lines;

	private final CatalogService catalog;

	private final CustomerService customers;

	CartQueries(CartRepository carts, CartLineRepository lines, CatalogService catalog, CustomerService customers) {
		this.carts = carts;
		this.lines = lines;
		this.catalog = catalog;
		this.customers = customers;
	}

	/** The caller's cart (role customer), empty until they register as a customer. */
	@Transactional(readOnly = true)
	Optional<Cart> mine(Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		return ownCustomerId(caller).map(this::view);
	}

	/** A cart for {@code node(id:)}: only the caller's own; other carts do not exist for them. */
	@Transactional(readOnly = true)
	Optional<Cart> find(UUID id, Caller caller) {
		if (!caller.authenticated() || !caller.hasRole(Caller.ROLE_CUSTOMER)) {
			return Optional.empty();
		}
		return ownCustomerId(caller).filter(id::equals).map(this::view);
	}

	Optional<UUID> ownCustomerId(Caller caller) {
		return customers.findBySubject(caller.subject()).map(Customer::getId);
	}

	/**
	 * The cart with its products, read in one query for all lines, so a cart of 100 lines costs as much as one of a
	 * single line. Joins the caller's transaction, so a mutation answers the cart it has just changed.
	 */
	@Transactional(readOnly = true)
	Cart view(UUID customerId) {
		List<StoredCartLine> stored = lines.findByCustomerIdOrderByAddedAtAscIdAsc(customerId);
		Map<UUID, Product> products = stored.isEmpty() ? Map.of()
				: catalog.findProducts(stored.stream().map(StoredCartLine::getProductId).toList());
		List<CartLine> result = stored.stream()
			// products are archived, never deleted; this only guards against a row removed by hand
			.filter(line -> products.containsKey(line.getProductId()))
			.map(line -> CartLine.of(products.get(line.getProductId()), line.getQuantity(), line.getAddedAt()))
			.toList();
		Instant updatedAt = carts.findById(customerId).map(StoredCart::getUpdatedAt).orElse(null);
		return Cart.of(customerId, result, updatedAt);
	}

}
