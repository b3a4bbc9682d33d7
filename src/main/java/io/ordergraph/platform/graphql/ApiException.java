package io.ordergraph.platform.graphql;

import org.springframework.graphql.execution.ErrorType;

/** An error that travels to the client as a GraphQL error with {@code extensions.classification}. */
public abstract class ApiException extends RuntimeException {

	private final ErrorType errorType;

	protected ApiException(ErrorType errorType, String message) {
		super(message, null, false, false);
		this.errorType = errorType;
	}

	public ErrorType errorType() {
		return errorType;
	}

}
