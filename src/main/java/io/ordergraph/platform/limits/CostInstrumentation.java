package io.ordergraph.platform.limits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;

import org.springframework.core.Ordered;

import io.ordergraph.platform.graphql.Classification;
import io.ordergraph.platform.graphql.ContextFreeField;
import io.ordergraph.platform.security.Caller;

/**
 * Counts a query's cost before it runs and refuses it over the limit, charges it to the caller's rate limit bucket,
 * stops data fetchers once the request's budget is spent, and reports {@code extensions.cost} (and the bucket's state
 * in {@code extensions.rateLimit}) on every response.
 */
class CostInstrumentation extends SimplePerformantInstrumentation implements Ordered {

	static final String CLIENT_ADDRESS = CostInstrumentation.class.getName() + ".address";

	private final LimitsProperties limits;

	private final QueryCost cost;

	private final CostRateLimiter rateLimiter;

	CostInstrumentation(LimitsProperties limits, CostRateLimiter rateLimiter) {
		this.limits = limits;
		this.cost = new QueryCost(limits.defaultListSize(), limits.listSizes());
		this.rateLimiter = rateLimiter;
	}

	@Override
	public int getOrder() {
		// after the depth and alias guards, which are cheaper
		return Ordered.LOWEST_PRECEDENCE;
	}

	static final class State implements InstrumentationState {

		Long requested;

		CostRateLimiter.Decision decision;

		boolean subscription;

		/** The request's budget, read from the context once rather than once per field. */
		RequestBudget budget;

		/** The objects the answer holds, counted as graphql-java begins each (fields complete on several threads). */
		final AtomicLong objects = new AtomicLong();

	}

	@Override
	public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
			InstrumentationState state) {
		if (state instanceof State counting) {
			counting.objects.incrementAndGet();
		}
		return null;
	}

	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		return CompletableFuture.completedFuture(new State());
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState instrumentationState) {
		State state = (State) instrumentationState;
		var context = parameters.getExecutionContext();
		state.subscription = context.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
		state.budget = context.getGraphQLContext().get(RequestBudget.KEY);
		long requested = cost.of(context.getNormalizedQueryTree().get(), context.getGraphQLSchema());
		state.requested = requested;
		if (requested > limits.maxCost()) {
			throw refusal(Classification.MAX_COST_EXCEEDED, "The query's cost is " + requested + "; the limit is "
					+ limits.maxCost() + ". Ask for smaller pages (first/last) or fewer nested lists",
					Map.of("cost", requested, "maxCost", limits.maxCost()));
		}
		if (rateLimiter.enabled()) {
			GraphQLContext graphQlContext = context.getGraphQLContext();
			Caller caller = graphQlContext.get(Caller.CONTEXT_KEY);
			String subject = (caller != null) ? caller.subject() : null;
			String address = graphQlContext.getOrDefault(CLIENT_ADDRESS, "unknown");
			CostRateLimiter.Decision decision = rateLimiter.take(subject, address, requested);
			state.decision = decision;
			if (!decision.allowed()) {
				Map<String, Object> extensions = new LinkedHashMap<>(decision.extensions());
				extensions.put("cost", requested);
				throw refusal(Classification.THROTTLED,
						"Too much work asked for in a short time; retry in " + decision.retryAfterMillis() + " ms",
						extensions);
			}
		}
		return SimpleInstrumentationContext.noOp();
	}

	private static AbortExecutionException refusal(Classification classification, String message,
			Map<String, Object> extensions) {
		return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
			.errorType(classification)
			.message(message)
			.extensions(extensions)
			.build()));
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		// a field that reads no thread-local is trivial to graphql-java and Spring, but may still do work
		boolean trivial = parameters.isTrivialDataFetcher() && !(dataFetcher instanceof ContextFreeField);
		if (trivial || parameters.getExecutionContext()
			.getOperationDefinition()
			.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
			return dataFetcher;
		}
		RequestBudget budget = (state instanceof State known) ? known.budget
				: parameters.getEnvironment().getGraphQlContext().get(RequestBudget.KEY);
		if (budget == null) {
			return dataFetcher;
		}
		return env -> {
			if (budget.exhausted()) {
				throw new RequestTimeoutException();
			}
			budget.shareCarrier();
			return dataFetcher.get(env);
		};
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState instrumentationState) {
		State state = (State) instrumentationState;
		if (state == null || state.requested == null) {
			return CompletableFuture.completedFuture(result);
		}
		Map<String, Object> costs = new LinkedHashMap<>();
		costs.put("requested", state.requested);
		if (!state.subscription && result.isDataPresent()) {
			long actual = state.objects.get();
			if (actual != state.requested) {
				costs.put("actual", actual);
			}
			if (state.decision != null && state.decision.allowed()) {
				long remaining = rateLimiter.refund(state.decision, state.requested - actual);
				state.decision = new CostRateLimiter.Decision(true, state.decision.limit(), remaining, 0,
						state.decision.key());
			}
		}
		costs.put("limit", limits.maxCost());
		Map<Object, Object> extensions = new LinkedHashMap<>();
		if (result.getExtensions() != null) {
			extensions.putAll(result.getExtensions());
		}
		extensions.put("cost", costs);
		if (state.decision != null) {
			extensions.put("rateLimit", state.decision.extensions());
		}
		return CompletableFuture.completedFuture(result.transform(b -> b.extensions(extensions)));
	}

}
