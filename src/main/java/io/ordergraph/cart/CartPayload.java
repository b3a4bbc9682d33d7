package io.ordergraph.cart;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of a cart mutation: the cart as it now is, or the errors that stopped the change. */
public record CartPayload(Cart cart, List<UserError> errors) {

	static CartPayload ok(Cart cart) {
		return new CartPayload(cart, List.of());
	}

	static CartPayload failed(List<UserError> errors) {
		return new CartPayload(null, errors);
	}

	static CartPayload failed(String code, String message, String... field) {
		return failed(List.of(UserError.of(code, message, field)));
	}

}
