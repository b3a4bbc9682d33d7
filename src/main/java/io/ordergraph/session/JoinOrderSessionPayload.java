package io.ordergraph.session;

import java.time.Instant;
import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of joining a table session: the guest token to use from now on, or why not. */
public record JoinOrderSessionPayload(String token, Instant expiresAt, OrderSessionGuest guest, OrderSession session,
		List<UserError> errors) {

	static JoinOrderSessionPayload failed(String code, String message, String... field) {
		return new JoinOrderSessionPayload(null, null, null, null, List.of(UserError.of(code, message, field)));
	}

}
