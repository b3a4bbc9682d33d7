package io.ordergraph.cart;

import java.util.Optional;
import java.util.UUID;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.catalog.Product;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.NodeResolver;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** The customer's own cart: {@code myCart}, {@code node(id:)} and the cart mutations (checkout lives in ordering). */
@Controller
class CartController implements NodeResolver {

	private final CartQueries queries;

	private final CartChanges changes;

	CartController(CartQueries queries, CartChanges changes) {
		this.queries = queries;
		this.changes = changes;
	}

	@Override
	public String typeName() {
		return Cart.NODE_TYPE;
	}

	@Override
	public Optional<?> find(UUID id, Caller caller) {
		return queries.find(id, caller);
	}

	@QueryMapping
	Cart myCart(@ContextValue Caller caller) {
		return queries.mine(caller).orElse(null);
	}

	record AddToCartInput(String productId, int quantity) {
	}

	record SetCartLineQuantityInput(String productId, int quantity) {
	}

	record RemoveFromCartInput(String productId) {
	}

	record ClearCartInput(boolean confirm) {
	}

	@MutationMapping
	CartPayload addToCart(@Argument AddToCartInput input, @ContextValue Caller caller) {
		return changes.add(input.productId(), input.quantity(), caller);
	}

	@MutationMapping
	CartPayload setCartLineQuantity(@Argument SetCartLineQuantityInput input, @ContextValue Caller caller) {
		return changes.setQuantity(input.productId(), input.quantity(), caller);
	}

	@MutationMapping
	CartPayload removeFromCart(@Argument RemoveFromCartInput input, @ContextValue Caller caller) {
		return changes.remove(input.productId(), caller);
	}

	@MutationMapping
	CartPayload clearCart(@Argument ClearCartInput input, @ContextValue Caller caller) {
		return changes.clear(input.confirm(), caller);
	}

	/** The product's global id, also when the product itself is no longer shown, so the line can still be removed. */
	@SchemaMapping(typeName = "CartLine")
	String productId(CartLine line) {
		return GlobalId.encode("Product", line.productId());
	}

	/** Hidden and archived products only for product managers, as everywhere else. (Loaded with the cart.) */
	@SchemaMapping(typeName = "CartLine")
	Product product(CartLine line, @ContextValue Caller caller) {
		Product product = line.product();
		return (product.isPublic() || caller.hasPermission(Permission.MANAGE_PRODUCTS)) ? product : null;
	}

}
