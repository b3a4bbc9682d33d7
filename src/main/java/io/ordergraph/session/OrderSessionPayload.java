package io.ordergraph.session;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of opening or closing a table session. */
public record OrderSessionPayload(OrderSession session, List<UserError> errors) {

	static OrderSessionPayload ok(OrderSession session) {
		return new OrderSessionPayload(session, List.of());
	}

	static OrderSessionPayload failed(String code, String message, String... field) {
		return new OrderSessionPayload(null, List.of(UserError.of(code, message, field)));
	}

	static OrderSessionPayload failed(List<UserError> errors) {
		return new OrderSessionPayload(null, errors);
	}

}
