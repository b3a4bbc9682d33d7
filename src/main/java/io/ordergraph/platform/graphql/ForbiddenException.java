package io.ordergraph.platform.graphql;

import org.springframework.graphql.execution.ErrorType;

/** Answered as a GraphQL error classified {@code FORBIDDEN}. */
public class ForbiddenException extends ApiException {

	public ForbiddenException() {
		this("You are not allowed to do this");
	}

	public ForbiddenException(String message) {
		super(ErrorType.FORBIDDEN, message);
	}

}
