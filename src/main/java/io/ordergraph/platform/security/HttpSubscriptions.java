package io.ordergraph.platform.security;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.MediaType;

/**
 * Subscriptions need a streaming transport: a WebSocket (graphql-transport-ws) or Server-Sent Events. A subscription
 * sent as a plain JSON POST (or with Apollo's multipart subscription Accept header, which Ordergraph does not speak)
 * is refused with a request error that says so, instead of answering with a useless publisher object.
 */
final class HttpSubscriptions {

	private static final String TRANSPORTS = "use a WebSocket at /graphql (protocol graphql-transport-ws), or "
			+ "Server-Sent Events (POST /graphql with Accept: text/event-stream)";

	private HttpSubscriptions() {
	}

	/** Why this plain-HTTP request cannot be served, or null when it can. */
	static String refusal(WebGraphQlRequest request) {
		String document = request.getDocument();
		if (!document.contains("subscription")) {
			return null; // cheap: no subscription without the keyword
		}
		if (request.getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_EVENT_STREAM::isCompatibleWith)) {
			return null;
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
