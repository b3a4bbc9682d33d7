package io.ordergraph.platform.graphql;

import org.springframework.graphql.execution.ErrorType;

/** Answered as a GraphQL error classified {@code UNAUTHORIZED}. */
public class UnauthorizedException extends ApiException {

	public UnauthorizedException() {
		this("Authentication is required");
	}

	public UnauthorizedException(String message) {
		super(ErrorType.UNAUTHORIZED, message);
	}

}
