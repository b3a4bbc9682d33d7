package io.ordergraph.platform.graphql;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import graphql.Profiler;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.ResultNodesInfo;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.SingletonPropertyDataFetcher;
import org.reactivestreams.Publisher;

/**
 * graphql-java's strategy for queries, with a short way through one kind of field: a scalar or enum read from its
 * parent object's property. For each field graphql-java otherwise builds about a dozen objects (instrumentation
 * parameters, suppliers of the data fetching environment and of the execution step, the step itself, the completion's
 * parameters) and calls every hook of the instrumentation, although a property read neither uses them nor, being a
 * trivial data fetcher, is instrumented by any of ours. On a page of orders with their lines most of the fields are of
 * this kind ({@code number}, {@code status}, {@code quantity}, {@code name}, ...).
 * <p>
 * The short way reads the property and serializes it with the field's scalar or enum, as graphql-java would. It takes
 * the long way, from the start, for anything else: a null for a non-null field or a value its type refuses to
 * serialize (so that the error is graphql-java's own), a property getter that asks for the data fetching environment,
 * a value that is a future or a {@code DataFetcherResult}, a request with graphql-java's result-node limit or its
 * profiler, and any instrumentation that would see such a field ({@link SelectiveInstrumentation#leavesPlainFieldsAlone}).
 * Reading a property twice is harmless, which is what makes starting over possible.
 */
final class PlainLeafExecution extends AsyncExecutionStrategy {

	/** What is known about a field of an object type: whether it is a plain leaf, and how to read and write it. */
	private record Leaf(GraphQLObjectType parent, LightDataFetcher<?> fetcher, GraphQLScalarType scalar,
			GraphQLEnumType enumType, boolean nonNull) {
	}

	private static final Leaf NOT_PLAIN = new Leaf(null, null, null, null, false);

	/** Thrown to the property reader's request for the environment: such a getter takes the long way. */
	private static final class WantsEnvironment extends RuntimeException {

		WantsEnvironment() {
			super(null, null, false, false);
		}

	}

	private static final WantsEnvironment WANTS_ENVIRONMENT = new WantsEnvironment();

	private static final Supplier<DataFetchingEnvironment> NO_ENVIRONMENT = () -> {
		throw WANTS_ENVIRONMENT;
	};

	/** Field definitions by identity (a field definition belongs to one object type). */
	private final Map<GraphQLFieldDefinition, Leaf> leaves = new ConcurrentHashMap<>();

	PlainLeafExecution(DataFetcherExceptionHandler exceptionHandler) {
		super(exceptionHandler);
	}

	@Override
	protected Object resolveFieldWithInfo(ExecutionContext context, ExecutionStrategyParameters parameters) {
		GraphQLObjectType parentType = parameters.getExecutionStepInfo().getUnwrappedNonNullTypeAs();
		GraphQLFieldDefinition field = getFieldDef(context.getGraphQLSchema(), parentType,
				parameters.getField().getSingleField());
		Leaf leaf = leaves.computeIfAbsent(field, definition -> leaf(context, parentType, definition));
		if (leaf.parent() != parentType || !plainAllowed(context)) {
			return super.resolveFieldWithInfo(context, parameters);
		}
		Object fetched;
		try {
			fetched = leaf.fetcher().get(field, parameters.getSource(), NO_ENVIRONMENT);
		}
		catch (Exception ex) {
			// the long way reads it again and reports the failure as graphql-java does
			return super.resolveFieldWithInfo(context, parameters);
		}
		if (fetched instanceof CompletionStage<?> || fetched instanceof DataFetcherResult<?>
				|| fetched instanceof Publisher<?>) {
			return super.resolveFieldWithInfo(context, parameters);
		}
		Object value = context.getValueUnboxer().unbox(fetched);
		Object serialized = null;
		if (value != null) {
			try {
				serialized = (leaf.scalar() != null)
						? leaf.scalar().getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale())
						: leaf.enumType().serialize(value, context.getGraphQLContext(), context.getLocale());
			}
			catch (RuntimeException ex) {
				return super.resolveFieldWithInfo(context, parameters);
			}
		}
		if (serialized == null && leaf.nonNull()) {
			return super.resolveFieldWithInfo(context, parameters);
		}
		// what graphql-java does for every field it fetches
		context.getResultNodesInfo().incrementAndGetResultNodesCount();
		context.getDataLoaderDispatcherStrategy().fieldFetched(context, parameters, leaf.fetcher(), value, NO_ENVIRONMENT);
		return new FieldValueInfo((serialized == null) ? FieldValueInfo.CompleteValueType.NULL
				: (leaf.scalar() != null) ? FieldValueInfo.CompleteValueType.SCALAR
						: FieldValueInfo.CompleteValueType.ENUM,
				serialized);
	}

	/** Whether this request lets fields take the short way: no result-node limit, no profiler, no field hooks. */
	private static boolean plainAllowed(ExecutionContext context) {
		return context.getInstrumentation() instanceof SelectiveInstrumentation instrumentation
				&& instrumentation.leavesPlainFieldsAlone() && context.getProfiler() == Profiler.NO_OP
				&& context.getGraphQLContext().get(ResultNodesInfo.MAX_RESULT_NODES) == null;
	}

	private static Leaf leaf(ExecutionContext context, GraphQLObjectType parentType, GraphQLFieldDefinition field) {
		DataFetcher<?> fetcher = context.getGraphQLSchema().getCodeRegistry().getDataFetcher(parentType, field);
		if (!(fetcher instanceof PropertyDataFetcher<?> || fetcher instanceof SingletonPropertyDataFetcher<?>)
				|| !(fetcher instanceof LightDataFetcher<?> light)) {
			return NOT_PLAIN;
		}
		boolean nonNull = field.getType() instanceof GraphQLNonNull;
		GraphQLType type = nonNull ? ((GraphQLNonNull) field.getType()).getWrappedType() : field.getType();
		return switch (type) {
			case GraphQLScalarType scalar -> new Leaf(parentType, light, scalar, null, nonNull);
			case GraphQLEnumType enumType -> new Leaf(parentType, light, null, enumType, nonNull);
			default -> NOT_PLAIN;
		};
	}

}
