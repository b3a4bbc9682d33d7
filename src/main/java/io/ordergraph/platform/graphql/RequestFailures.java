package io.ordergraph.platform.graphql;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Logs failed requests once each, not once per failed field: one line with the reference id the client saw and the
 * first cause; a full stack trace only for an unexpected error, once per request, and once per minute for the same
 * failure in the same place, so a burst of failing requests writes kilobytes.
 */
@Component
class RequestFailures extends SimplePerformantInstrumentation {

	static final Logger log = LoggerFactory.getLogger("io.ordergraph.requests");

	private static final String KEY = RequestFailures.class.getName();

	private static final long TRACE_INTERVAL_NANOS = 60_000_000_000L;

	private static final Map<String, Long> tracesLogged = new ConcurrentHashMap<>();

	/** What went wrong in one request: the reference of its unexpected errors and the first of them. */
	static final class Failures implements InstrumentationState {

		private volatile String reference;

		private volatile Throwable firstUnexpected;

		private volatile Object firstUnexpectedAt;

		synchronized String unexpected(Throwable ex, Object where) {
			if (reference == null) {
				reference = UUID.randomUUID().toString();
				firstUnexpected = ex;
				firstUnexpectedAt = where;
			}
			return reference;
		}

	}

	/** The failures of the request a data fetcher belongs to; null outside a request. */
	static Failures of(GraphQLContext context) {
		return (context == null) ? null : context.get(KEY);
	}

	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		Failures failures = new Failures();
		parameters.getExecutionInput().getGraphQLContext().put(KEY, failures);
		return CompletableFuture.completedFuture(failures);
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		if (result.getErrors().isEmpty() || !(state instanceof Failures failures)) {
			return CompletableFuture.completedFuture(result);
		}
		String operation = parameters.getOperation() != null ? parameters.getOperation() : "-";
		if (failures.reference == null) {
			GraphQLError first = result.getErrors().get(0);
			log.info("GraphQL request failed: operation={} errors={} first={} {}{}", operation,
					result.getErrors().size(), first.getErrorType(), shorten(first.getMessage()),
					first.getPath() != null ? " at " + first.getPath() : "");
			return CompletableFuture.completedFuture(result);
		}
		Throwable cause = failures.firstUnexpected;
		String signature = signature(cause, failures.firstUnexpectedAt);
		long now = System.nanoTime();
		Long last = tracesLogged.get(signature);
		boolean trace = last == null || now - last > TRACE_INTERVAL_NANOS;
		if (trace) {
			if (tracesLogged.size() > 1000) {
				tracesLogged.clear();
			}
			tracesLogged.put(signature, now);
			log.error("GraphQL request failed: reference={} operation={} errors={} first={} at {}", failures.reference,
					operation, result.getErrors().size(), describe(cause), failures.firstUnexpectedAt, cause);
		}
		else {
			log.error("GraphQL request failed: reference={} operation={} errors={} first={} at {} (stack trace "
					+ "logged earlier)", failures.reference, operation, result.getErrors().size(), describe(cause),
					failures.firstUnexpectedAt);
		}
		return CompletableFuture.completedFuture(result);
	}

	private static String signature(Throwable cause, Object where) {
		StackTraceElement[] stack = cause.getStackTrace();
		return cause.getClass().getName() + "@" + (stack.length > 0 ? stack[0] : "") + "@"
				+ String.valueOf(where).replaceAll("\\d+", "#");
	}

	static String describe(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + shorten(root.getMessage());
	}

	private static String shorten(String message) {
		if (message == null) {
			return "";
		}
		String line = message.replace('\n', ' ').replace('\r', ' ');
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}
