package io.ordergraph.platform.graphql;

import java.sql.SQLException;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Maps exceptions to GraphQL errors. Known API errors keep their classification and message; anything else is
 * logged with a reference id and answered as INTERNAL_ERROR carrying only that id, so no stack trace, SQL or class
 * name reaches a client.
 */
@Component
class ErrorResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(ErrorResolver.class);

	/** PostgreSQL's SQLSTATE for a statement cancelled by its timeout (or a cancel request). */
	private static final String QUERY_CANCELED = "57014";

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		return toError(ex, GraphqlErrorBuilder.newError(env), env.getExecutionStepInfo().getPath(),
				RequestFailures.of(env.getGraphQlContext()));
	}

	/**
	 * The one mapping of exceptions to client errors, for data fetchers and subscription streams alike. Within a
	 * request ({@code failures} not null) nothing is logged here: {@link RequestFailures} logs the request once.
	 */
	static GraphQLError toError(Throwable ex, GraphqlErrorBuilder<?> error, Object where,
			RequestFailures.Failures failures) {
		if (ex instanceof ApiException api) {
			return error.errorType(api.classification()).message(api.getMessage()).build();
		}
		if (ex instanceof ConstraintViolationException cve) {
			return error.errorType(ErrorType.BAD_REQUEST)
				.message(cve.getConstraintViolations()
					.stream()
					.map(v -> v.getPropertyPath() + " " + v.getMessage())
					.sorted()
					.reduce((a, b) -> a + "; " + b)
					.orElse("Invalid input"))
				.build();
		}
		if (ex instanceof AbortExecutionException || timedOut(ex)) {
			// the request was cancelled (its deadline passed, its client left, its answer was given) while this field
			// ran, or a statement of it ran into its timeout: expected under load, not a fault of ours
			return error.errorType(Classification.TIMEOUT)
				.message("The request ran out of time; this field was not resolved")
				.build();
		}
		if (ex instanceof ConcurrencyFailureException) {
			// an optimistic-lock conflict or a deadlock victim: the transaction was rolled back, a retry is safe
			if (failures == null) {
				log.info("Concurrent change at {}: {}", where, ex.getMessage());
			}
			return error.errorType(Classification.CONFLICT)
				.message("The data changed while this request ran, so it changed nothing; retry it")
				.build();
		}
		String reference;
		if (failures != null) {
			reference = failures.unexpected(ex, where);
		}
		else {
			reference = UUID.randomUUID().toString();
			log.error("Unexpected error {} at {}", reference, where, ex);
		}
		return error.errorType(ErrorType.INTERNAL_ERROR)
			.message("Internal error, reference " + reference)
			.extensions(java.util.Map.of("reference", reference))
			.build();
	}

	/** A statement cancelled by its timeout (PostgreSQL's query_canceled), however Spring or Hibernate wrapped it. */
	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof QueryTimeoutException || cause instanceof jakarta.persistence.QueryTimeoutException
					|| (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
