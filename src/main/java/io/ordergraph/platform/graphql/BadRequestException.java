package io.ordergraph.platform.graphql;

import org.springframework.graphql.execution.ErrorType;

/** Answered as a GraphQL error classified {@code BAD_REQUEST}. */
public class BadRequestException extends ApiException {

	public BadRequestException() {
		this("The request is malformed");
	}

	public BadRequestException(String message) {
		super(ErrorType.BAD_REQUEST, message);
	}

}
