package io.ordergraph.ordering;

import java.util.List;

import io.ordergraph.cart.Cart;
import io.ordergraph.platform.graphql.UserError;

/**
 * The result of {@code checkout}: the order and the cart as it now is (emptied on success), so a client's cache of
 * {@code myCart} updates from the payload alone.
 */
record CheckoutPayload(Order order, Cart cart, List<UserError> errors) {

	static CheckoutPayload of(OrderPayload payload, Cart cart) {
		return new CheckoutPayload(payload.order(), cart, payload.errors());
	}

}
