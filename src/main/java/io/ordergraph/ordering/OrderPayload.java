package io.ordergraph.ordering;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of an order mutation: the order as it now is, or why nothing changed. */
public record OrderPayload(Order order, List<UserError> errors) {

	static OrderPayload ok(Order order) {
		return new OrderPayload(order, List.of());
	}

	static OrderPayload failed(List<UserError> errors) {
		return new OrderPayload(null, errors);
	}

	static OrderPayload failed(String code, String message, String... field) {
		return failed(List.of(UserError.of(code, message, field)));
	}

}
