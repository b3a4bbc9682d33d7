package io.ordergraph.platform.graphql;

import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/** Like {@link ErrorResolver}, for errors that end a subscription stream. */
@Component
class SubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionErrorResolver.class);

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		if (ex instanceof ApiException api) {
			return GraphqlErrorBuilder.newError().errorType(api.errorType()).message(api.getMessage()).build();
		}
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected subscription error {}", reference, ex);
		return GraphqlErrorBuilder.newError()
			.errorType(ErrorType.INTERNAL_ERROR)
			.message("Internal error, reference " + reference)
			.build();
	}

}
