package io.ordergraph.platform.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/** Errors that end a subscription stream, mapped as {@link ErrorResolver} maps those of data fetchers. */
@Component
class SubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		return ErrorResolver.toError(ex, GraphqlErrorBuilder.newError(), "a subscription", null);
	}

}
