package io.ordergraph.platform.graphql;

import java.util.Map;

import graphql.execution.SubscriptionExecutionStrategy;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Subscription events reach the client in the order of the event log. Without this, graphql-java sends each event as
 * soon as its fields are resolved, and fields resolved through batch loaders (an event's {@code order { lines }})
 * can finish out of order, so a replay could deliver "missed 2" before "missed 1".
 */
@Component
class OrderedSubscriptionEvents implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(Map.of(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true))
			.build());
		return chain.next(request);
	}

}
