package io.ordergraph.platform.events;

import org.springframework.graphql.execution.ErrorType;

import io.ordergraph.platform.graphql.ApiException;

/** Ends a subscription whose client fell a whole buffer behind; it may resume from the last cursor it received. */
public class SubscriberTooSlowException extends ApiException {

	SubscriberTooSlowException(int bufferSize, long sequence) {
		super(ErrorType.BAD_REQUEST, "Subscription ended: the client fell more than " + bufferSize
				+ " events behind. Resubscribe with the last cursor you received to continue without a gap.");
	}

}
