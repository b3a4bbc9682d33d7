package io.ordergraph.platform.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/**
 * Every answer of {@code /graphql} is a GraphQL response body, {@code {"errors":[{message, extensions.classification}]}},
 * even when the request never reaches GraphQL (an unreadable body, a JSON array batch, an oversize upload, a server
 * too busy to take it). Code that refuses a /graphql request outside GraphQL either writes the body itself with
 * {@link #write}, or sets {@link #MESSAGE} (and optionally {@link #CLASSIFICATION}) as request attributes and calls
 * {@code response.sendError(status)}: the error dispatch then answers through {@link GraphQlErrorPageFilter}.
 */
public final class GraphQlErrorResponses {

	/** Request attribute: the message for the client (a String), used by the error dispatch. */
	public static final String MESSAGE = GraphQlErrorResponses.class.getName() + ".message";

	/** Request attribute: the {@code extensions.classification} (a String), used by the error dispatch. */
	public static final String CLASSIFICATION = GraphQlErrorResponses.class.getName() + ".classification";

	/** Request attribute: the status to answer with (an Integer) instead of the one the error dispatch carries. */
	public static final String STATUS = GraphQlErrorResponses.class.getName() + ".status";

	private GraphQlErrorResponses() {
	}

	/** Writes a GraphQL error body with the given status (the response must not be committed). */
	public static void write(HttpServletResponse response, int status, String classification, String message)
			throws IOException {
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(body(classification, message));
		response.flushBuffer();
	}

	/** Marks the request so that the error dispatch answers with this message and classification. */
	public static void describe(HttpServletRequest request, int status, String classification, String message) {
		request.setAttribute(STATUS, status);
		request.setAttribute(CLASSIFICATION, classification);
		request.setAttribute(MESSAGE, message);
	}

	static String body(String classification, String message) {
		return "{\"errors\":[{\"message\":" + quote(message) + ",\"extensions\":{\"classification\":"
				+ quote(classification) + "}}]}";
	}

	/** The classification a status stands for when nobody said otherwise. */
	static String classification(int status) {
		return switch (status) {
			case 401 -> "UNAUTHORIZED";
			case 403 -> "FORBIDDEN";
			case 404 -> "NOT_FOUND";
			case 429 -> "TOO_MANY_REQUESTS";
			case 503 -> "UNAVAILABLE";
			default -> (status >= 500) ? "INTERNAL_ERROR" : "BAD_REQUEST";
		};
	}

	/** What a status means for a GraphQL client when nobody said otherwise. */
	static String message(int status) {
		return switch (status) {
			case 400 -> "The request is not a GraphQL request: send one JSON object with \"query\" (and optionally "
					+ "\"operationName\", \"variables\", \"extensions\"); batches (JSON arrays) are not supported";
			case 404 -> "Not found: the GraphQL endpoint is POST /graphql";
			case 405 -> "Send GraphQL requests as POST /graphql";
			case 406 -> "Accept application/graphql-response+json, application/json or text/event-stream";
			case 413 -> "The request body is too large";
			case 415 -> "Send the request as Content-Type: application/json";
			case 429 -> "Too many requests; retry later";
			case 503 -> "The server is too busy to take this request; retry shortly";
			default -> (status >= 500) ? "The request failed on the server" : "The request was refused";
		};
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
