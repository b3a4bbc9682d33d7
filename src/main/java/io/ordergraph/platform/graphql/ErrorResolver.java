package io.ordergraph.platform.graphql;

import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
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

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof ApiException api) {
			return error(env, api.errorType(), api.getMessage());
		}
		if (ex instanceof ConstraintViolationException cve) {
			return error(env, ErrorType.BAD_REQUEST, cve.getConstraintViolations()
				.stream()
				.map(v -> v.getPropertyPath() + " " + v.getMessage())
				.sorted()
				.reduce((a, b) -> a + "; " + b)
				.orElse("Invalid input"));
		}
		if (ex instanceof ConcurrencyFailureException) {
			// an optimistic-lock conflict or a deadlock victim: the transaction was rolled back, a retry is safe
			log.info("Concurrent change at {}: {}", env.getExecutionStepInfo().getPath(), ex.getMessage());
			return GraphqlErrorBuilder.newError(env)
				.errorType(Classification.CONFLICT)
				.message("The data changed while this request ran, so it changed nothing; retry it")
				.build();
		}
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected error {} at {}", reference, env.getExecutionStepInfo().getPath(), ex);
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.INTERNAL_ERROR)
			.message("Internal error, reference " + reference)
			.extensions(java.util.Map.of("reference", reference))
			.build();
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message) {
		return GraphqlErrorBuilder.newError(env).errorType(type).message(message).build();
	}

}
