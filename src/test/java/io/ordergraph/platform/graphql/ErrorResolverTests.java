package io.ordergraph.platform.graphql;

import graphql.GraphQLError;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLNonNull;
import graphql.Scalars;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;

import io.ordergraph.ExpectedFailures;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches a client when something fails: classification and message, never internals. */
class ErrorResolverTests {

	private final ErrorResolver resolver = new ErrorResolver();

	private final DataFetchingEnvironment env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
		.executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
			.type(GraphQLNonNull.nonNull(Scalars.GraphQLString))
			.path(ResultPath.rootPath().segment("orders"))
			.build())
		.mergedField(MergedField.newMergedField(new Field("orders")).build())
		.build();

	@Test
	void unexpectedErrorsAnswerOnlyAReference() throws Exception {
		GraphQLError error = ExpectedFailures.expect("an unexpected error provoked on purpose",
				() -> resolver.resolveToSingleError(new IllegalStateException(
						"ERROR: duplicate key value violates unique constraint \"secret_idx\""), env));
		assertThat(error.getErrorType()).isEqualTo(ErrorType.INTERNAL_ERROR);
		assertThat(error.getMessage()).startsWith("Internal error, reference ")
			.doesNotContain("secret")
			.doesNotContain("IllegalStateException");
		assertThat(error.getExtensions()).containsKey("reference");
		assertThat(error.getMessage()).endsWith((String) error.getExtensions().get("reference"));
	}

	@Test
	void apiErrorsKeepTheirClassificationAndMessage() {
		GraphQLError error = resolver.resolveToSingleError(new NotFoundException("Order not found"), env);
		assertThat(error.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
		assertThat(error.getMessage()).isEqualTo("Order not found");
		assertThat(error.getPath()).containsExactly("orders");
	}

}
