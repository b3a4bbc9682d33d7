package io.ordergraph.platform.graphql;

import org.springframework.graphql.execution.ErrorType;

/** Answered as a GraphQL error classified {@code NOT_FOUND}. */
public class NotFoundException extends ApiException {

	public NotFoundException() {
		this("Not found");
	}

	public NotFoundException(String message) {
		super(ErrorType.NOT_FOUND, message);
	}

}
