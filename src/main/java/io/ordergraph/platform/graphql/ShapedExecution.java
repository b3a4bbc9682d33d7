package io.ordergraph.platform.graphql;

import java.io.StringWriter;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import graphql.GraphQLContext;
import graphql.Profiler;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultNodesInfo;
import graphql.execution.ValueUnboxer;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.introspection.Introspection;
import graphql.language.Field;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.SingletonPropertyDataFetcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.reactivestreams.Publisher;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * graphql-java's strategy for queries, with a short way through a field whose whole selection below it can be read
 * directly: every field under it is a property read, a {@link ComputedField} or a {@link DirectField} (the children a
 * page prefetched), without arguments, and every type under it is an object, list, scalar or enum type. For a page of
 * 50 orders with their customers and lines that is some 900 fields, for each of which graphql-java builds a dozen
 * objects (execution steps, parameters, results, futures) and then Jackson writes a map per object. The short way
 * collects each type's fields once per request, reads the values and writes the field's JSON straight away; the
 * answer carries it as a raw JSON value, which Jackson copies into the response.
 * <p>
 * It is graphql-java's answer written another way, not a second set of rules. No field it reads checks the caller
 * (that is what makes a field direct: its parent was authorized when it was fetched), and it takes graphql-java's own
 * way, from the start of the field, for anything out of the ordinary: a null for a non-null field, a value its scalar
 * refuses, a field that is not direct after all (a page without the prefetch, a getter that asks for the environment, a
 * future), an exception. Reading a direct field twice is harmless, which is what makes starting over possible. It is
 * not taken for mutations and subscriptions, with {@code @defer}, with graphql-java's result-node limit or profiler, or
 * when an instrumentation would see the fields it reads ({@link SelectiveInstrumentation#leavesTrivialFieldsAlone}).
 * Each object it writes is still announced to the instrumentation ({@code beginExecuteObject}): the cost the answer
 * reports counts them.
 */
public final class ShapedExecution extends AsyncExecutionStrategy {

	/** Where the shapes of one request are kept: in its GraphQL context. */
	private static final String SHAPES = ShapedExecution.class.getName() + ".shapes";

	/**
	 * Set to {@code true} in a request's GraphQL context to give it graphql-java's strategy throughout: a test compares
	 * the two ways on the same data.
	 */
	public static final String OFF = ShapedExecution.class.getName() + ".off";

	private final JsonMapper json;

	private final Counter written;

	private final Counter fellBack;

	ShapedExecution(DataFetcherExceptionHandler exceptionHandler, JsonMapper json, MeterRegistry meters) {
		super(exceptionHandler);
		this.json = json;
		this.written = outcome(meters, "written");
		this.fellBack = outcome(meters, "fell-back");
	}

	private static Counter outcome(MeterRegistry meters, String outcome) {
		return Counter.builder("ordergraph.graphql.shaped")
			.description("Fields of queries the shaped execution wrote, or handed back to graphql-java")
			.tag("outcome", outcome)
			.register(meters);
	}

	// ---------------------------------------------------------------- the plan of a field's value

	/** How a value of one type is written. */
	private sealed interface Shape permits Leaf, Listed, Composite {
	}

	/** A scalar or enum. */
	private record Leaf(GraphQLScalarType scalar, GraphQLEnumType enumType) implements Shape {
	}

	/** A list of values of one shape, each non-null or not. */
	private record Listed(Shape item, boolean itemNonNull) implements Shape {
	}

	/** An object, its fields in the order graphql-java collects them. */
	private record Composite(GraphQLObjectType type, Member[] fields) implements Shape {
	}

	/** One field of an object: its key in the answer, how to read it, how to write it; no reader: __typename. */
	private record Member(String key, GraphQLFieldDefinition definition, Reader reader, Shape shape, boolean nonNull) {
	}

	@FunctionalInterface
	private interface Reader {

		Object read(GraphQLFieldDefinition field, Object source, GraphQLContext context) throws Exception;

	}

	/** A field that has no shape: its value is graphql-java's to complete. */
	private static final Shape NONE = new Leaf(null, null);

	/** Which field, under which parent type, of which type: a field of an interface's fragment differs per type. */
	private record Key(Field field, GraphQLObjectType parent, GraphQLType type) {
	}

	/** Thrown anywhere in the short way: the field starts over the long way. */
	private static final class Abandoned extends RuntimeException {

		Abandoned() {
			super(null, null, false, false);
		}

	}

	private static final Abandoned ABANDONED = new Abandoned();

	private static final Supplier<DataFetchingEnvironment> NO_ENVIRONMENT = () -> {
		throw ABANDONED;
	};

	// ---------------------------------------------------------------- completing a field

	@Override
	protected FieldValueInfo completeValue(ExecutionContext context, ExecutionStrategyParameters parameters) {
		GraphQLType type = parameters.getExecutionStepInfo().getUnwrappedNonNullType();
		if (!(type instanceof GraphQLObjectType || type instanceof GraphQLList) || parameters.getSource() == null
				|| !allowed(context)) {
			return super.completeValue(context, parameters);
		}
		@SuppressWarnings("unchecked")
		Map<Key, Shape> shapes = context.getGraphQLContext().computeIfAbsent(SHAPES, k -> new ConcurrentHashMap<>());
		Key key = new Key(parameters.getField().getSingleField(), parameters.getExecutionStepInfo().getObjectType(),
				parameters.getExecutionStepInfo().getType());
		Shape shape = shapes.computeIfAbsent(key, k -> plan(context, k.type(), parameters.getField()));
		if (shape == NONE) {
			return super.completeValue(context, parameters);
		}
		Write write = new Write(context);
		try {
			write.value(shape, parameters.getSource(), true);
			write.generator.close();
		}
		catch (RuntimeException ex) {
			// graphql-java reads it again and reports whatever went wrong as it always does; the field's other
			// values in this request go its way at once (a list's items are fields of their own, tried once more)
			shapes.put(key, NONE);
			fellBack.increment();
			return super.completeValue(context, parameters);
		}
		announce(context, parameters, write.objects);
		written.increment();
		return new FieldValueInfo(FieldValueInfo.CompleteValueType.SCALAR, new RawValue(write.out.toString()));
	}

	/** Queries without an instrumentation that would see fields, @defer, the profiler or a result-node limit. */
	private static boolean allowed(ExecutionContext context) {
		return context.isQueryOperation() && !context.hasIncrementalSupport()
				&& context.getInstrumentation() instanceof SelectiveInstrumentation instrumentation
				&& instrumentation.leavesTrivialFieldsAlone() && context.getProfiler() == Profiler.NO_OP
				&& context.getGraphQLContext().get(ResultNodesInfo.MAX_RESULT_NODES) == null
				&& !Boolean.TRUE.equals(context.getGraphQLContext().get(OFF));
	}

	/** What graphql-java's {@code executeObject} would have told the instrumentation, once per object written. */
	private static void announce(ExecutionContext context, ExecutionStrategyParameters parameters, int objects) {
		if (objects == 0) {
			return;
		}
		Instrumentation instrumentation = context.getInstrumentation();
		InstrumentationState state = context.getInstrumentationState();
		InstrumentationExecutionStrategyParameters announced = new InstrumentationExecutionStrategyParameters(context,
				parameters);
		for (int i = 0; i < objects; i++) {
			ExecuteObjectInstrumentationContext object = instrumentation.beginExecuteObject(announced, state);
			if (object != null) {
				object.onDispatched();
				object.onCompleted(null, null);
			}
		}
	}

	// ---------------------------------------------------------------- planning, once per field of a request

	/** The shape of a field's value, or {@link #NONE}; planned once per field of a request. */
	private Shape plan(ExecutionContext context, GraphQLType type, MergedField field) {
		Shape shape = plan(context, unwrapNonNull(type), field, 0);
		return (shape == null) ? NONE : shape;
	}

	/** The shape of a value of this type (without its non-null wrapper), or null where only graphql-java can go. */
	private Shape plan(ExecutionContext context, GraphQLType type, MergedField field, int depth) {
		if (depth > 64) {
			return null;
		}
		return switch (type) {
			case GraphQLScalarType scalar -> new Leaf(scalar, null);
			case GraphQLEnumType enumType -> new Leaf(null, enumType);
			case GraphQLList list -> {
				Shape item = plan(context, unwrapNonNull(list.getWrappedType()), field, depth + 1);
				yield (item == null) ? null : new Listed(item, list.getWrappedType() instanceof GraphQLNonNull);
			}
			case GraphQLObjectType object -> composite(context, object, field, depth);
			default -> null;
		};
	}

	private Composite composite(ExecutionContext context, GraphQLObjectType type, MergedField field, int depth) {
		FieldCollectorParameters collecting = FieldCollectorParameters.newParameters()
			.schema(context.getGraphQLSchema())
			.objectType(type)
			.fragments(context.getFragmentsByName())
			.variables(context.getCoercedVariables().toMap())
			.graphQLContext(context.getGraphQLContext())
			.build();
		MergedSelectionSet selection = fieldCollector.collectFields(collecting, field, false);
		List<Member> members = new ArrayList<>(selection.size());
		for (Map.Entry<String, MergedField> entry : selection.getSubFields().entrySet()) {
			MergedField sub = entry.getValue();
			if (sub.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
				members.add(new Member(entry.getKey(), null, null, null, true));
				continue;
			}
			GraphQLFieldDefinition definition = Introspection.getFieldDefinition(context.getGraphQLSchema(), type,
					sub.getName());
			Reader reader = reader(context.getGraphQLSchema().getCodeRegistry().getDataFetcher(type, definition));
			if (reader == null || !definition.getArguments().isEmpty()) {
				return null;
			}
			GraphQLOutputType fieldType = definition.getType();
			Shape shape = plan(context, unwrapNonNull(fieldType), sub, depth + 1);
			if (shape == null) {
				return null;
			}
			members.add(new Member(entry.getKey(), definition, reader, shape, fieldType instanceof GraphQLNonNull));
		}
		return new Composite(type, members.toArray(Member[]::new));
	}

	/** How a field's fetcher is read directly, if it can be. */
	private static Reader reader(DataFetcher<?> fetcher) {
		if (fetcher instanceof DirectField direct) {
			return (field, source, context) -> {
				Object value = direct.read(source, context);
				if (value == DirectField.UNAVAILABLE) {
					throw ABANDONED;
				}
				return value;
			};
		}
		if ((fetcher instanceof PropertyDataFetcher<?> || fetcher instanceof SingletonPropertyDataFetcher<?>)
				&& fetcher instanceof LightDataFetcher<?> property) {
			// a getter that asks for the environment gets none: the field starts over the long way
			return (field, source, context) -> property.get(field, source, NO_ENVIRONMENT);
		}
		return null;
	}

	private static GraphQLType unwrapNonNull(GraphQLType type) {
		return (type instanceof GraphQLNonNull nonNull) ? nonNull.getWrappedType() : type;
	}

	// ---------------------------------------------------------------- writing

	/** One field's value written as JSON, and how many objects it held. */
	private final class Write {

		final StringWriter out = new StringWriter(1024);

		final JsonGenerator generator;

		final GraphQLContext graphQlContext;

		final Locale locale;

		final ValueUnboxer unboxer;

		int objects;

		Write(ExecutionContext context) {
			this.generator = json.createGenerator(out);
			this.graphQlContext = context.getGraphQLContext();
			this.locale = context.getLocale();
			this.unboxer = context.getValueUnboxer();
		}

		void value(Shape shape, Object fetched, boolean nonNull) {
			if (fetched instanceof CompletionStage<?> || fetched instanceof DataFetcherResult<?>
					|| fetched instanceof Publisher<?>) {
				throw ABANDONED;
			}
			Object value = unboxer.unbox(fetched);
			if (value == null) {
				nullValue(nonNull);
				return;
			}
			switch (shape) {
				case Leaf leaf -> leaf(leaf, value, nonNull);
				case Listed listed -> list(listed, value);
				case Composite composite -> object(composite, value);
			}
		}

		private void nullValue(boolean nonNull) {
			if (nonNull) {
				// graphql-java reports the error and nulls the parent
				throw ABANDONED;
			}
			generator.writeNull();
		}

		private void leaf(Leaf leaf, Object value, boolean nonNull) {
			Object serialized = (leaf.scalar() != null)
					? leaf.scalar().getCoercing().serialize(value, graphQlContext, locale)
					: leaf.enumType().serialize(value, graphQlContext, locale);
			switch (serialized) {
				case null -> nullValue(nonNull);
				case String text -> generator.writeString(text);
				case Integer number -> generator.writeNumber(number);
				case Long number -> generator.writeNumber(number);
				case Boolean flag -> generator.writeBoolean(flag);
				case Double number -> generator.writeNumber(number);
				// anything else Jackson might write its own way
				default -> throw ABANDONED;
			}
		}

		private void list(Listed listed, Object value) {
			generator.writeStartArray();
			if (value instanceof Iterable<?> items) {
				for (Object item : items) {
					value(listed.item(), item, listed.itemNonNull());
				}
			}
			else if (value.getClass().isArray()) {
				for (int i = 0, n = Array.getLength(value); i < n; i++) {
					value(listed.item(), Array.get(value, i), listed.itemNonNull());
				}
			}
			else {
				throw ABANDONED;
			}
			generator.writeEndArray();
		}

		private void object(Composite composite, Object source) {
			objects++;
			generator.writeStartObject();
			for (Member member : composite.fields()) {
				generator.writeName(member.key());
				if (member.reader() == null) {
					generator.writeString(composite.type().getName());
					continue;
				}
				Object fetched;
				try {
					fetched = member.reader().read(member.definition(), source, graphQlContext);
				}
				catch (Exception ex) {
					throw ABANDONED;
				}
				value(member.shape(), fetched, member.nonNull());
			}
			generator.writeEndObject();
		}

	}

}
