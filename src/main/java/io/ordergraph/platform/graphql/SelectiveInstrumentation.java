package io.ordergraph.platform.graphql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.FieldValueInfo;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.ExecutionStrategyInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.execution.instrumentation.parameters.InstrumentationReactiveResultsParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;

/**
 * Chains instrumentations as graphql-java's {@code ChainedInstrumentation} does — same order, each member with its own
 * state — but calls each hook only on the members that implement it. Most of ours act once per operation (depth,
 * complexity, aliases, cost); the chained version still visits every member for each of the half-dozen hooks of every
 * field, which on a page of 50 orders with their lines was a tenth of the request's CPU.
 */
final class SelectiveInstrumentation implements Instrumentation {

	private static final List<Class<?>> NO_OP_BASES = List.of(Instrumentation.class,
			SimplePerformantInstrumentation.class, SimpleInstrumentation.class);

	private final List<Instrumentation> members;

	private final int[] createState;

	private final int[] beginExecution;

	private final int[] beginParse;

	private final int[] beginValidation;

	private final int[] beginExecuteOperation;

	private final int[] beginReactiveResults;

	private final int[] beginExecutionStrategy;

	private final int[] beginExecuteObject;

	private final int[] beginDeferredField;

	private final int[] beginSubscribedFieldEvent;

	private final int[] beginFieldExecution;

	private final int[] beginFieldFetching;

	private final int[] beginFieldCompletion;

	private final int[] beginFieldListCompletion;

	private final int[] instrumentExecutionInput;

	private final int[] instrumentDocumentAndVariables;

	private final int[] instrumentSchema;

	private final int[] instrumentExecutionContext;

	private final int[] instrumentDataFetcher;

	private final int[] instrumentExecutionResult;

	private final boolean leavesTrivialFieldsAlone;

	SelectiveInstrumentation(List<Instrumentation> members) {
		this.members = List.copyOf(members);
		// createStateAsync falls back to createState, as beginFieldFetching does to beginFieldFetch
		this.createState = union(implementing("createStateAsync", InstrumentationCreateStateParameters.class),
				implementing("createState", InstrumentationCreateStateParameters.class));
		this.beginExecution = implementing("beginExecution", InstrumentationExecutionParameters.class);
		this.beginParse = implementing("beginParse", InstrumentationExecutionParameters.class);
		this.beginValidation = implementing("beginValidation", InstrumentationValidationParameters.class);
		this.beginExecuteOperation = implementing("beginExecuteOperation",
				InstrumentationExecuteOperationParameters.class);
		this.beginReactiveResults = implementing("beginReactiveResults",
				InstrumentationReactiveResultsParameters.class);
		this.beginExecutionStrategy = implementing("beginExecutionStrategy",
				InstrumentationExecutionStrategyParameters.class);
		this.beginExecuteObject = implementing("beginExecuteObject", InstrumentationExecutionStrategyParameters.class);
		this.beginDeferredField = implementing("beginDeferredField", InstrumentationFieldParameters.class);
		this.beginSubscribedFieldEvent = implementing("beginSubscribedFieldEvent",
				InstrumentationFieldParameters.class);
		this.beginFieldExecution = implementing("beginFieldExecution", InstrumentationFieldParameters.class);
		this.beginFieldFetching = union(implementing("beginFieldFetching", InstrumentationFieldFetchParameters.class),
				implementing("beginFieldFetch", InstrumentationFieldFetchParameters.class));
		this.beginFieldCompletion = implementing("beginFieldCompletion", InstrumentationFieldCompleteParameters.class);
		this.beginFieldListCompletion = implementing("beginFieldListCompletion",
				InstrumentationFieldCompleteParameters.class);
		this.instrumentExecutionInput = implementing("instrumentExecutionInput", ExecutionInput.class,
				InstrumentationExecutionParameters.class);
		this.instrumentDocumentAndVariables = implementing("instrumentDocumentAndVariables",
				DocumentAndVariables.class, InstrumentationExecutionParameters.class);
		this.instrumentSchema = implementing("instrumentSchema", GraphQLSchema.class,
				InstrumentationExecutionParameters.class);
		this.instrumentExecutionContext = implementing("instrumentExecutionContext", ExecutionContext.class,
				InstrumentationExecutionParameters.class);
		this.instrumentDataFetcher = implementing("instrumentDataFetcher", DataFetcher.class,
				InstrumentationFieldFetchParameters.class);
		this.instrumentExecutionResult = implementing("instrumentExecutionResult", ExecutionResult.class,
				InstrumentationExecutionParameters.class);
		this.leavesTrivialFieldsAlone = beginFieldExecution.length == 0 && beginFieldFetching.length == 0
				&& beginFieldCompletion.length == 0 && beginFieldListCompletion.length == 0
				&& java.util.Arrays.stream(instrumentDataFetcher)
					.allMatch(member -> returnsTrivialFetchersAsTheyAre(this.members.get(member)));
	}

	/**
	 * Whether no member would see a field whose data fetcher is trivial (a property read): none implements the
	 * field-level hooks, and those that instrument data fetchers hand a trivial one back as it is (ours and Spring's
	 * observation do). {@link ShapedExecution} then reads such fields without calling the hooks at all.
	 */
	boolean leavesTrivialFieldsAlone() {
		return leavesTrivialFieldsAlone;
	}

	/** Asked once, with a property read marked trivial and no request: a member that wraps it, or fails, does not. */
	private static boolean returnsTrivialFetchersAsTheyAre(Instrumentation member) {
		DataFetcher<?> read = graphql.schema.PropertyDataFetcher.fetching("probe");
		try {
			return member.instrumentDataFetcher(read,
					new InstrumentationFieldFetchParameters(null, () -> null, null, true), null) == read;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The members whose class overrides the hook (its parameters, then the state). */
	private int[] implementing(String hook, Class<?>... parameters) {
		Class<?>[] types = new Class<?>[parameters.length + 1];
		System.arraycopy(parameters, 0, types, 0, parameters.length);
		types[parameters.length] = InstrumentationState.class;
		if (hook.startsWith("createState")) {
			types = parameters;
		}
		List<Integer> found = new ArrayList<>();
		for (int i = 0; i < members.size(); i++) {
			try {
				Method method = members.get(i).getClass().getMethod(hook, types);
				if (!NO_OP_BASES.contains(method.getDeclaringClass())) {
					found.add(i);
				}
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException("graphql-java has no instrumentation hook " + hook, ex);
			}
		}
		return found.stream().mapToInt(Integer::intValue).toArray();
	}

	private static int[] union(int[] a, int[] b) {
		return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
			.distinct()
			.sorted()
			.toArray();
	}

	/** The members' states, by member index. */
	private record States(InstrumentationState[] of) implements InstrumentationState {
	}

	private static InstrumentationState state(InstrumentationState states, int member) {
		return (states instanceof States s) ? s.of()[member] : null;
	}

	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		InstrumentationState[] states = new InstrumentationState[members.size()];
		if (createState.length == 0) {
			return CompletableFuture.completedFuture(new States(states));
		}
		CompletableFuture<?>[] pending = new CompletableFuture<?>[createState.length];
		for (int i = 0; i < createState.length; i++) {
			int member = createState[i];
			CompletableFuture<InstrumentationState> created = members.get(member).createStateAsync(parameters);
			pending[i] = (created == null) ? CompletableFuture.completedFuture(null)
					: created.thenAccept(state -> states[member] = state);
		}
		return CompletableFuture.allOf(pending).thenApply(done -> new States(states));
	}

	@FunctionalInterface
	private interface Hook<C> {

		C call(Instrumentation member, InstrumentationState state);

	}

	private <C> List<C> contexts(int[] interested, InstrumentationState states, Hook<C> hook) {
		List<C> contexts = new ArrayList<>(interested.length);
		for (int member : interested) {
			C context = hook.call(members.get(member), state(states, member));
			if (context != null) {
				contexts.add(context);
			}
		}
		return contexts;
	}

	/** No context, the one member's, or one that forwards to each member's context (by {@code many}). */
	private <C> C combined(int[] interested, InstrumentationState states, Hook<C> hook, Function<List<C>, C> many) {
		if (interested.length == 0) {
			return null;
		}
		if (interested.length == 1) {
			return hook.call(members.get(interested[0]), state(states, interested[0]));
		}
		List<C> contexts = contexts(interested, states, hook);
		return (contexts.size() == 1) ? contexts.get(0) : many.apply(contexts);
	}

	private <T> InstrumentationContext<T> context(int[] interested, InstrumentationState states,
			Hook<InstrumentationContext<T>> hook) {
		return combined(interested, states, hook, SelectiveInstrumentation::all);
	}

	private static <T> InstrumentationContext<T> all(List<? extends InstrumentationContext<T>> contexts) {
		return new InstrumentationContext<>() {
			@Override
			public void onDispatched() {
				contexts.forEach(InstrumentationContext::onDispatched);
			}

			@Override
			public void onCompleted(T result, Throwable failure) {
				contexts.forEach(context -> context.onCompleted(result, failure));
			}
		};
	}

	private <T> T fold(int[] interested, InstrumentationState states, T value, Folder<T> step) {
		T result = value;
		for (int member : interested) {
			result = step.apply(members.get(member), state(states, member), result);
		}
		return result;
	}

	@FunctionalInterface
	private interface Folder<T> {

		T apply(Instrumentation member, InstrumentationState state, T value);

	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		return context(beginExecution, state, (m, s) -> m.beginExecution(parameters, s));
	}

	@Override
	public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		return context(beginParse, state, (m, s) -> m.beginParse(parameters, s));
	}

	@Override
	public InstrumentationContext<List<ValidationError>> beginValidation(
			InstrumentationValidationParameters parameters, InstrumentationState state) {
		return context(beginValidation, state, (m, s) -> m.beginValidation(parameters, s));
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		return context(beginExecuteOperation, state, (m, s) -> m.beginExecuteOperation(parameters, s));
	}

	@Override
	public InstrumentationContext<Void> beginReactiveResults(InstrumentationReactiveResultsParameters parameters,
			InstrumentationState state) {
		return context(beginReactiveResults, state, (m, s) -> m.beginReactiveResults(parameters, s));
	}

	@Override
	public InstrumentationContext<Object> beginDeferredField(InstrumentationFieldParameters parameters,
			InstrumentationState state) {
		return context(beginDeferredField, state, (m, s) -> m.beginDeferredField(parameters, s));
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
			InstrumentationState state) {
		return context(beginSubscribedFieldEvent, state, (m, s) -> m.beginSubscribedFieldEvent(parameters, s));
	}

	@Override
	public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
			InstrumentationState state) {
		return context(beginFieldExecution, state, (m, s) -> m.beginFieldExecution(parameters, s));
	}

	@Override
	public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
			InstrumentationState state) {
		return context(beginFieldCompletion, state, (m, s) -> m.beginFieldCompletion(parameters, s));
	}

	@Override
	public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
			InstrumentationState state) {
		return context(beginFieldListCompletion, state, (m, s) -> m.beginFieldListCompletion(parameters, s));
	}

	@Override
	public ExecutionStrategyInstrumentationContext beginExecutionStrategy(
			InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
		return combined(beginExecutionStrategy, state, (m, s) -> m.beginExecutionStrategy(parameters, s),
				contexts -> {
					InstrumentationContext<ExecutionResult> each = all(contexts);
					return new ExecutionStrategyInstrumentationContext() {
						@Override
						public void onDispatched() {
							each.onDispatched();
						}

						@Override
						public void onCompleted(ExecutionResult result, Throwable failure) {
							each.onCompleted(result, failure);
						}

						@Override
						public void onFieldValuesInfo(List<FieldValueInfo> infos) {
							contexts.forEach(context -> context.onFieldValuesInfo(infos));
						}

						@Override
						public void onFieldValuesException() {
							contexts.forEach(ExecutionStrategyInstrumentationContext::onFieldValuesException);
						}
					};
				});
	}

	@Override
	public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
			InstrumentationState state) {
		return combined(beginExecuteObject, state, (m, s) -> m.beginExecuteObject(parameters, s), contexts -> {
			InstrumentationContext<Map<String, Object>> each = all(contexts);
			return new ExecuteObjectInstrumentationContext() {
				@Override
				public void onDispatched() {
					each.onDispatched();
				}

				@Override
				public void onCompleted(Map<String, Object> result, Throwable failure) {
					each.onCompleted(result, failure);
				}

				@Override
				public void onFieldValuesInfo(List<FieldValueInfo> infos) {
					contexts.forEach(context -> context.onFieldValuesInfo(infos));
				}

				@Override
				public void onFieldValuesException() {
					contexts.forEach(ExecuteObjectInstrumentationContext::onFieldValuesException);
				}
			};
		});
	}

	@Override
	public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		return combined(beginFieldFetching, state, (m, s) -> m.beginFieldFetching(parameters, s), contexts -> {
			InstrumentationContext<Object> each = all(contexts);
			return new FieldFetchingInstrumentationContext() {
				@Override
				public void onDispatched() {
					each.onDispatched();
				}

				@Override
				public void onCompleted(Object result, Throwable failure) {
					each.onCompleted(result, failure);
				}

				@Override
				public void onFetchedValue(Object value) {
					contexts.forEach(context -> context.onFetchedValue(value));
				}
			};
		});
	}

	@Override
	public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		return fold(instrumentExecutionInput, state, input, (m, s, v) -> m.instrumentExecutionInput(v, parameters, s));
	}

	@Override
	public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		return fold(instrumentDocumentAndVariables, state, documentAndVariables,
				(m, s, v) -> m.instrumentDocumentAndVariables(v, parameters, s));
	}

	@Override
	public GraphQLSchema instrumentSchema(GraphQLSchema schema, InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		return fold(instrumentSchema, state, schema, (m, s, v) -> m.instrumentSchema(v, parameters, s));
	}

	@Override
	public ExecutionContext instrumentExecutionContext(ExecutionContext context,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		return fold(instrumentExecutionContext, state, context,
				(m, s, v) -> m.instrumentExecutionContext(v, parameters, s));
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		// as ChainedInstrumentation does: the first member's wrapper ends up innermost
		DataFetcher<?> folded = dataFetcher;
		for (int member : instrumentDataFetcher) {
			folded = members.get(member).instrumentDataFetcher(folded, parameters, state(state, member));
		}
		return folded;
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		CompletableFuture<ExecutionResult> folded = CompletableFuture.completedFuture(result);
		for (int member : instrumentExecutionResult) {
			Instrumentation instrumentation = members.get(member);
			InstrumentationState memberState = state(state, member);
			folded = folded.thenCompose(
					value -> instrumentation.instrumentExecutionResult(value, parameters, memberState));
		}
		return folded;
	}

}
