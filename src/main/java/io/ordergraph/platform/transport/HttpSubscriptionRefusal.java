package io.ordergraph.platform.transport;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;

/**
 * Subscriptions need a streaming transport: a WebSocket (graphql-transport-ws) or Server-Sent Events. A subscription
 * sent as a plain JSON POST (or with Apollo's multipart subscription Accept header, which Ordergraph does not speak)
 * is refused with a request error that says so, instead of answering with a useless publisher object.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HttpSubscriptionRefusal implements WebGraphQlInterceptor {

	/** Request attribute set by the Server-Sent Events handler: this request is answered as a stream. */
	static final String STREAMING = HttpSubscriptionRefusal.class.getName() + ".streaming";

	private static final String TRANSPORTS = "use a WebSocket at /graphql (protocol graphql-transport-ws), or "
			+ "Server-Sent Events (POST /graphql with Accept: text/event-stream)";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String refusal = refusal(request);
		if (refusal == null) {
			return chain.next(request);
		}
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.addError(GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(refusal).build())
			.build();
		return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
	}

	/** Why this request cannot be served on its transport, or null when it can. */
	static String refusal(WebGraphQlRequest request) {
		if (request instanceof WebSocketGraphQlRequest || Boolean.TRUE.equals(request.getAttributes().get(STREAMING))) {
			return null;
		}
		String document = request.getDocument();
		if (!document.contains("subscription")) {
			return null; // cheap: no subscription without the keyword
		}
		if (!isSubscription(document, request.getOperationName())) {
			return null;
		}
		boolean multipart = request.getHeaders()
			.getAccept()
			.stream()
			.anyMatch(type -> "multipart".equals(type.getType()) && "mixed".equals(type.getSubtype()));
		return multipart ? "Subscriptions over HTTP multipart responses are not supported: " + TRANSPORTS
				: "Subscriptions are not served over a plain HTTP request: " + TRANSPORTS;
	}

	private static boolean isSubscription(String text, String operationName) {
		Document document;
		try {
			document = Parser.parse(text);
		}
		catch (InvalidSyntaxException ex) {
			return false; // GraphQL reports the syntax error itself
		}
		return document.getDefinitionsOfType(OperationDefinition.class)
			.stream()
			.filter(op -> operationName == null || operationName.isEmpty() || operationName.equals(op.getName()))
			.findFirst()
			.map(op -> op.getOperation() == OperationDefinition.Operation.SUBSCRIPTION)
			.orElse(false);
	}

}
