package io.ordergraph.platform.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.GraphQLContext;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionContextBuilder;
import graphql.execution.ExecutionId;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import org.junit.jupiter.api.Test;

import io.ordergraph.platform.graphql.ContextFreeField;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which data fetchers the request's budget stops once it is spent. */
class CostInstrumentationTests {

	private final LimitsProperties limits = new LimitsProperties(null, null, null, null, null, null, null, null, null,
			null, null, null, null, null);

	private final CostInstrumentation instrumentation = new CostInstrumentation(limits,
			new CostRateLimiter(limits.rate()));

	private final AtomicInteger calls = new AtomicInteger();

	private final DataFetcher<Object> work = env -> calls.incrementAndGet();

	@Test
	void aFieldThatReadsNoThreadLocalIsStillStoppedBySpentBudget() throws Exception {
		RequestBudget budget = new RequestBudget(Duration.ofSeconds(10));
		DataFetcher<?> fetcher = instrumentation.instrumentDataFetcher(ContextFreeField.of(work),
				parameters(budget, true), null);
		fetcher.get(environment(budget));
		assertThat(calls).hasValue(1);
		budget.cancel();
		assertThatThrownBy(() -> fetcher.get(environment(budget))).isInstanceOf(RequestTimeoutException.class);
		assertThat(calls).hasValue(1);
	}

	@Test
	void aPropertyReadIsLeftAlone() {
		RequestBudget budget = new RequestBudget(Duration.ofSeconds(10));
		DataFetcher<Object> property = env -> "name";
		assertThat(instrumentation.instrumentDataFetcher(property, parameters(budget, true), null)).isSameAs(property);
		assertThat(instrumentation.instrumentDataFetcher(work, parameters(budget, false), null)).isNotSameAs(work);
	}

	private static InstrumentationFieldFetchParameters parameters(RequestBudget budget, boolean trivial) {
		// the instrumentation takes the budget from the field's environment
		ExecutionContext execution = ExecutionContextBuilder.newExecutionContextBuilder()
			.executionId(ExecutionId.generate())
			.operationDefinition(OperationDefinition.newOperationDefinition()
				.operation(OperationDefinition.Operation.QUERY)
				.build())
			.build();
		DataFetchingEnvironment environment = environment(budget);
		return new InstrumentationFieldFetchParameters(execution, () -> environment,
				(ExecutionStrategyParameters) null, trivial);
	}

	private static DataFetchingEnvironment environment(RequestBudget budget) {
		return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
			.graphQLContext(GraphQLContext.newContext().of(RequestBudget.KEY, budget).build())
			.build();
	}

}
