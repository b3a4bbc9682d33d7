package io.ordergraph.platform.graphql;

import graphql.ErrorClassification;

import org.springframework.graphql.execution.ErrorType;

/** An error that travels to the client as a GraphQL error with {@code extensions.classification}. */
public abstract class ApiException extends RuntimeException {

	private final ErrorClassification classification;

	protected ApiException(ErrorType errorType, String message) {
		this((ErrorClassification) errorType, message);
	}

	protected ApiException(ErrorClassification classification, String message) {
		super(message, null, false, false);
		this.classification = classification;
	}

	/** Spring's error type; INTERNAL_ERROR for classifications of Ordergraph's own (see {@link #classification()}). */
	public ErrorType errorType() {
		return (classification instanceof ErrorType type) ? type : ErrorType.INTERNAL_ERROR;
	}

	public ErrorClassification classification() {
		return classification;
	}

}
