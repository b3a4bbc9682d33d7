package io.ordergraph.platform.security;

import java.time.Instant;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import io.ordergraph.platform.graphql.ApiException;
import io.ordergraph.platform.graphql.GraphQlLimits;

/**
 * Authenticates every GraphQL operation, over HTTP (the Authorization header) and over WebSocket (the
 * {@code Authorization} entry of {@code connection_init}'s payload, never the URL), and hands the resulting
 * {@link Caller} to controllers through the GraphQL context.
 */
@Component
class GraphQlAuthInterceptor implements WebSocketGraphQlInterceptor {

	private static final String SESSION_JWT = GraphQlAuthInterceptor.class.getName() + ".jwt";

	private final CallerResolver callers;

	private final GraphQlLimits limits;

	GraphQlAuthInterceptor(CallerResolver callers, GraphQlLimits limits) {
		this.callers = callers;
		this.limits = limits;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		Object token = payload.get("Authorization");
		if (token == null) {
			token = payload.get("authorization");
		}
		if (token == null) {
			return Mono.empty();
		}
		if (!(token instanceof String value)) {
			return Mono.error(new IllegalArgumentException("Authorization must be a string"));
		}
		try {
			session.getAttributes().put(SESSION_JWT, callers.decode(value));
			return Mono.empty();
		}
		catch (ApiException ex) {
			// Spring for GraphQL closes the socket with 4401 Unauthorized, as graphql-transport-ws expects.
			return Mono.error(ex);
		}
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request.getDocument().length() > limits.maxDocumentLength()) {
			return Mono.just(reject(request, ErrorType.BAD_REQUEST,
					"The query document is longer than " + limits.maxDocumentLength() + " characters"));
		}
		if (containsNul(request.getDocument()) || containsNul(request.getVariables())) {
			// PostgreSQL cannot store U+0000 in text: refuse it here rather than fail deep in a query
			return Mono.just(reject(request, ErrorType.BAD_REQUEST, "The request contains a NUL character (U+0000)"));
		}
		Caller caller;
		try {
			caller = authenticate(request);
		}
		catch (ApiException ex) {
			WebGraphQlResponse response = reject(request, ex.errorType(), ex.getMessage());
			if (!(request instanceof WebSocketGraphQlRequest)) {
				// RFC 6750: a token was sent and is not valid; the HTTP handler answers 401 when it sees this header
				response.getResponseHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", "
						+ "error_description=\"" + ex.getMessage().replace("\"", "'") + "\"");
			}
			return Mono.just(response);
		}
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(Map.of(Caller.CONTEXT_KEY, caller))
			.build());
		return chain.next(request);
	}

	private static boolean containsNul(Object value) {
		if (value instanceof String text) {
			return text.indexOf('\u0000') >= 0;
		}
		if (value instanceof Map<?, ?> map) {
			return map.keySet().stream().anyMatch(GraphQlAuthInterceptor::containsNul)
					|| map.values().stream().anyMatch(GraphQlAuthInterceptor::containsNul);
		}
		if (value instanceof Iterable<?> list) {
			for (Object item : list) {
				if (containsNul(item)) {
					return true;
				}
			}
		}
		return false;
	}

	private Caller authenticate(WebGraphQlRequest request) {
		Jwt jwt;
		if (request instanceof WebSocketGraphQlRequest ws) {
			jwt = (Jwt) ws.getSessionInfo().getAttributes().get(SESSION_JWT);
			if (jwt != null && jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(Instant.now())) {
				throw new io.ordergraph.platform.graphql.UnauthorizedException(
						"The token of this connection has expired; reconnect with a new one");
			}
		}
		else {
			String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			jwt = (header == null) ? null : callers.decode(header);
		}
		return (jwt == null) ? Caller.anonymous() : callers.resolve(jwt);
	}

	private static WebGraphQlResponse reject(WebGraphQlRequest request, ErrorType type, String message) {
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.addError(GraphqlErrorBuilder.newError().errorType(type).message(message).build())
			.build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

}
