package io.ordergraph.integration;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of an integrator mutation; {@code signingSecret} only on creation and rotation. */
public record IntegratorPayload(Integrator integrator, String signingSecret, List<UserError> errors) {

	static IntegratorPayload failed(List<UserError> errors) {
		return new IntegratorPayload(null, null, errors);
	}

}
