package io.ordergraph.platform.limits;

import io.ordergraph.platform.graphql.ApiException;
import io.ordergraph.platform.graphql.Classification;

/** A field that was not resolved because its request ran out of time or lost its client. */
class RequestTimeoutException extends ApiException {

	RequestTimeoutException() {
		super(Classification.TIMEOUT, "The request ran out of time; this field was not resolved");
	}

}
