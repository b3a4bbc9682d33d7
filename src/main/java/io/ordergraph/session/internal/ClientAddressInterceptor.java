package io.ordergraph.session.internal;

import java.net.InetSocketAddress;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Puts the client's network address into the GraphQL context as {@value #CONTEXT_KEY}, for the join throttle. Behind
 * a proxy, set {@code server.forward-headers-strategy} so that the address is the client's, not the proxy's.
 */
@Component
public class ClientAddressInterceptor implements WebGraphQlInterceptor {

	public static final String CONTEXT_KEY = "clientAddress";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		InetSocketAddress remote = request.getRemoteAddress();
		String address = (remote == null || remote.getAddress() == null) ? "unknown"
				: remote.getAddress().getHostAddress();
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(CONTEXT_KEY, address)).build());
		return chain.next(request);
	}

}
