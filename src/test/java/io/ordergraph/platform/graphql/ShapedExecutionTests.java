package io.ordergraph.platform.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ResultNodesInfo;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.Coercing;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaped execution answers exactly as graphql-java's own strategy does, byte for byte and errors included, and
 * takes the short way only where nothing would notice: each answer below is compared with graphql-java's, and the
 * counter of fields written the short way shows that it was taken (or not).
 */
class ShapedExecutionTests {

	private static final JsonMapper JSON = new JsonMapper();

	enum Colour {
		RED, GREEN
	}

	/** An object read by property; each getter notes whether graphql-java's fetchField was on the stack. */
	public static final class Item {

		static final List<String> READ_THE_LONG_WAY = new CopyOnWriteArrayList<>();

		private final String name;

		private final Integer count;

		private final Colour colour;

		private final String odd;

		private final List<Item> children;

		Item(String name, Integer count, Colour colour, String odd, List<Item> children) {
			this.name = name;
			this.count = count;
			this.colour = colour;
			this.odd = odd;
			this.children = children;
		}

		private static <T> T read(String property, T value) {
			boolean longWay = StackWalker.getInstance()
				.walk(frames -> frames.anyMatch(frame -> frame.getClassName().equals(ExecutionStrategy.class.getName())
						&& frame.getMethodName().equals("fetchField")));
			if (longWay) {
				READ_THE_LONG_WAY.add(property);
			}
			return value;
		}

		public String getName() {
			return read("name", name);
		}

		public Integer getCount() {
			return read("count", count);
		}

		public Colour getColour() {
			return read("colour", colour);
		}

		public String getOdd() {
			return read("odd", odd);
		}

		public List<Item> getChildren() {
			return read("children", children);
		}

		public double getWeight() {
			return read("weight", (count == null) ? 0.5 : count * 1.25);
		}

		public Boolean getFresh() {
			return read("fresh", count != null && count > 1);
		}

		public Item[] getPair() {
			return read("pair", new Item[] { new Item(name + "1", 1, null, null, null), null });
		}

		/** A getter that asks for the environment: only the long way can give it one. */
		public String getGreeting(DataFetchingEnvironment environment) {
			return read("greeting", "hello " + environment.getField().getName());
		}

	}

	/** A scalar that refuses to write the text "refused". */
	private static final GraphQLScalarType PICKY = GraphQLScalarType.newScalar()
		.name("Picky")
		.coercing(new Coercing<Object, Object>() {
			@Override
			public Object serialize(Object input, GraphQLContext context, java.util.Locale locale) {
				if ("refused".equals(input)) {
					throw new CoercingSerializeException("Picky refuses " + input);
				}
				return input.toString();
			}
		})
		.build();

	/** Which items the "prefetch" holds a label for; the others take the data loader. */
	private static final String KNOWN_LABELS = "known labels";

	private static GraphQLSchema schema() {
		String sdl = """
				scalar Picky
				enum Colour { RED GREEN }
				interface Named { name: String! }
				type Query { items: [Item] item: Item strict: Strict loaded: [Item] named: [Named] box: Box }
				type Mutation { touch: Item }
				type Item implements Named { name: String! count: Int colour: Colour odd: Picky greeting: String
				  label: String future: String children: [Item!] weight: Float! fresh: Boolean pair: [Item]
				  twice(times: Int): String computed: String! }
				type Strict { item: Item! }
				type Box { items: [Item!]! first: Item }
				""";
		DataFetcher<Object> labelLoader = env -> env.<Item, String>getDataLoader("labels").load(env.getSource());
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
				RuntimeWiring.newRuntimeWiring()
					.scalar(PICKY)
					.type("Query", t -> t.dataFetcher("items", env -> items())
						.dataFetcher("item", env -> new Item(null, 1, Colour.RED, "x", null))
						.dataFetcher("strict", env -> Map.of())
						.dataFetcher("loaded", env -> env.<String, Item>getDataLoader("items")
							.loadMany(List.of("a", "b")))
						.dataFetcher("named", env -> items())
						.dataFetcher("box", env -> Map.of("items", items(), "first", items().get(0))))
					.type("Mutation", t -> t.dataFetcher("touch", env -> items().get(0)))
					.type("Named", t -> t.typeResolver(env -> env.getSchema().getObjectType("Item")))
					.type("Item", t -> t
						.dataFetcher("label", ContextFreeField.of((source, context) -> {
							Item item = (Item) source;
							List<String> known = context.getOrDefault(KNOWN_LABELS, List.of());
							return known.contains(item.name) ? "label " + item.name : DirectField.UNAVAILABLE;
						}, labelLoader))
						.dataFetcher("future",
								env -> CompletableFuture.completedFuture(env.<Item>getSource().name + "!"))
						.dataFetcher("twice", env -> env.<Item>getSource().name + env.getArgumentOrDefault("times", 2))
						.dataFetcher("computed", ComputedField.<Item, String>of(item -> item.name + "/" + item.count)))
					.type("Strict", t -> t.dataFetcher("item", env -> null))
					.build());
	}

	private static List<Item> items() {
		return List.of(
				new Item("a \"quoted\" \\ é 😀 \u0001", 1, Colour.RED, "fine",
						List.of(new Item("a1", 2, Colour.GREEN, "deep", null))),
				new Item("b", null, Colour.GREEN, "refused", List.of()),
				new Item("c", 3, null, null, null));
	}

	/** An answer as its JSON, written by the same mapper the HTTP response uses. */
	private record Answer(String json, ExecutionResult result) {
	}

	private static Answer run(ExecutionStrategy strategy, Instrumentation instrumentation, String query,
			Map<Object, Object> context) {
		GraphQL graphQl = GraphQL.newGraphQL(schema())
			.queryExecutionStrategy(strategy)
			.instrumentation(instrumentation)
			.build();
		DataLoaderRegistry loaders = new DataLoaderRegistry();
		loaders.register("items", DataLoaderFactory.newDataLoader((List<String> keys) -> CompletableFuture
			.completedFuture(keys.stream().map(key -> new Item(key, key.length(), Colour.GREEN, key, null)).toList())));
		loaders.register("labels", DataLoaderFactory.newDataLoader((List<Item> keys) -> CompletableFuture
			.completedFuture(keys.stream().map(key -> "loaded " + key.name).toList())));
		ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(query)
			.dataLoaderRegistry(loaders)
			.graphQLContext(new HashMap<>(context)));
		return new Answer(JSON.writeValueAsString(result.toSpecification()), result);
	}

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private ShapedExecution shaped() {
		return new ShapedExecution(new SimpleDataFetcherExceptionHandler(), JSON, meters);
	}

	private double written() {
		return meters.get("ordergraph.graphql.shaped").tag("outcome", "written").counter().count();
	}

	private double fellBack() {
		return meters.get("ordergraph.graphql.shaped").tag("outcome", "fell-back").counter().count();
	}

	private Answer shaped(String query) {
		return shaped(query, Map.of());
	}

	private Answer shaped(String query, Map<Object, Object> context) {
		return run(shaped(), new SelectiveInstrumentation(List.of()), query, context);
	}

	private static Answer graphqlJava(String query, Map<Object, Object> context) {
		return run(new AsyncExecutionStrategy(), new SelectiveInstrumentation(List.of()), query, context);
	}

	/** Shaped the short way where nothing stands in the way. */
	private static final List<String> SHAPED = List.of(
			"{ items { name count colour odd weight fresh } }",
			"{ items { __typename n: name ... on Item { colour n: name } ...F children { name children { name } } } }"
					+ " fragment F on Item { count computed }",
			"{ items { count @skip(if: true) name @include(if: true) } }",
			"{ box { items { name } first { name pair { name } } } }");

	/** graphql-java's way, wholly or in part: nulls, refusals, environments, futures, arguments, interfaces. */
	private static final List<String> NOT_SHAPED = List.of(
			"{ items { name odd } }",
			"{ item { name count } }",
			"{ strict { item { name } } }",
			"{ items { name greeting } }",
			"{ loaded { name count colour } items { name } }",
			"{ items { name future } }",
			"{ items { twice(times: 3) } }",
			"{ named { name } }",
			"{ items { label } }");

	@Test
	void answersAsGraphqlJavaDoesByteForByteErrorsIncluded() {
		for (String query : concat(SHAPED, NOT_SHAPED)) {
			assertThat(shaped(query).json()).as(query).isEqualTo(graphqlJava(query, Map.of()).json());
		}
		Map<Object, Object> labelsKnown = Map.of(KNOWN_LABELS, List.of("b", "c"));
		assertThat(shaped("{ items { name label } }", labelsKnown).json())
			.isEqualTo(graphqlJava("{ items { name label } }", labelsKnown).json())
			.contains("loaded a").contains("label b");
		// the cases the comparison covers really happened
		assertThat(shaped("{ items { odd } }").json()).contains("Picky refuses refused");
		assertThat(shaped("{ item { name } }").json()).contains("non-null");
		assertThat(shaped("{ items { name } }").json()).contains("a \\\"quoted\\\" \\\\ é 😀 \\u0001");
	}

	@Test
	void aFieldWhoseSelectionIsDirectIsWrittenWithoutGraphqlJavasFetch() {
		Item.READ_THE_LONG_WAY.clear();
		shaped("{ items { name count colour children { name } } }");
		assertThat(Item.READ_THE_LONG_WAY).isEmpty();
		assertThat(written()).isEqualTo(1);
		Item.READ_THE_LONG_WAY.clear();
		graphqlJava("{ items { name count colour } }", Map.of());
		assertThat(Item.READ_THE_LONG_WAY).hasSize(9);
	}

	@Test
	void whereOneFieldIsNotDirectItsSiblingsSubtreesStillAre() {
		Item.READ_THE_LONG_WAY.clear();
		shaped("{ items { greeting children { name } } }");
		// the items take graphql-java's way for the greeting; each item's children are written the short way
		// (two lists: the third item's children are null, which graphql-java completes as it is)
		assertThat(Item.READ_THE_LONG_WAY).containsOnly("greeting", "children");
		assertThat(written()).isEqualTo(2);
	}

	@Test
	void aValueTheShortWayCannotWriteStartsTheFieldOverTheLongWay() {
		shaped("{ items { name odd } }");
		assertThat(fellBack()).isPositive();
		double before = fellBack();
		shaped("{ items { name label } }"); // no label known: each is loaded
		assertThat(fellBack()).isGreaterThan(before);
	}

	@Test
	void mutationsAndRequestsSwitchedOffTakeGraphqlJavasWay() {
		GraphQL graphQl = GraphQL.newGraphQL(schema())
			.queryExecutionStrategy(shaped())
			.mutationExecutionStrategy(shaped())
			.instrumentation(new SelectiveInstrumentation(List.of()))
			.build();
		assertThat(graphQl.execute("mutation { touch { name children { name } } }").getErrors()).isEmpty();
		assertThat(written()).isZero();
		shaped("{ items { name } }", Map.of(ShapedExecution.OFF, true));
		assertThat(written()).isZero();
		shaped("{ items { name } }");
		assertThat(written()).isEqualTo(1);
	}

	/** Sees every field fetched, trivial or not. */
	static final class FieldWatcher extends SimplePerformantInstrumentation {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public graphql.execution.instrumentation.FieldFetchingInstrumentationContext beginFieldFetching(
				InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
			seen.add(parameters.getEnvironment().getField().getName());
			return null;
		}

	}

	/** Wraps every data fetcher, trivial ones too. */
	static final class WrapsEverything extends SimplePerformantInstrumentation {

		@Override
		public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
				InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
			return env -> dataFetcher.get(env);
		}

	}

	@Test
	void anInstrumentationThatWouldSeeTheFieldsKeepsGraphqlJavasWay() {
		FieldWatcher watcher = new FieldWatcher();
		SelectiveInstrumentation watched = new SelectiveInstrumentation(List.of(watcher));
		assertThat(watched.leavesTrivialFieldsAlone()).isFalse();
		run(shaped(), watched, "{ items { name count } }", Map.of());
		assertThat(watcher.seen).containsExactly("items", "name", "count", "name", "count", "name", "count");
		assertThat(written()).isZero();
		assertThat(new SelectiveInstrumentation(List.of(new WrapsEverything())).leavesTrivialFieldsAlone()).isFalse();
		// ours and Spring's, which hand trivial data fetchers back unwrapped, do not stand in the way
		assertThat(new SelectiveInstrumentation(List.of(new RequestFailures(), new SelectiveInstrumentationTests
			.PerOperation(new ArrayList<>()), new org.springframework.graphql.observation.GraphQlObservationInstrumentation(
					io.micrometer.observation.ObservationRegistry.create())))
			.leavesTrivialFieldsAlone()).isTrue();
	}

	/** Counts the objects graphql-java executes, as the cost instrumentation does. */
	static final class ObjectCounter extends SimplePerformantInstrumentation {

		final AtomicInteger objects = new AtomicInteger();

		@Override
		public ExecuteObjectInstrumentationContext beginExecuteObject(
				InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
			objects.incrementAndGet();
			return null;
		}

	}

	@Test
	void everyObjectWrittenIsAnnouncedToTheInstrumentation() {
		String query = "{ items { name children { name } pair { name } } box { first { name } } }";
		ObjectCounter shortWay = new ObjectCounter();
		run(shaped(), new SelectiveInstrumentation(List.of(shortWay)), query, Map.of());
		ObjectCounter longWay = new ObjectCounter();
		run(new AsyncExecutionStrategy(), new SelectiveInstrumentation(List.of(longWay)), query, Map.of());
		assertThat(written()).isPositive();
		// 3 items, 1 child, 3 pairs of one item, the box and its first item (the root is not one of them)
		assertThat(shortWay.objects.get()).isEqualTo(longWay.objects.get()).isEqualTo(3 + 1 + 3 + 2);
	}

	@Test
	void graphqlJavasResultNodeLimitKeepsItsOwnWay() {
		String query = "{ items { name count colour } }";
		Map<Object, Object> limit = Map.of(ResultNodesInfo.MAX_RESULT_NODES, 5);
		assertThat(shaped(query, limit).json()).isEqualTo(graphqlJava(query, limit).json());
		assertThat(written()).isZero();
		// the limit cut the answer short (graphql-java answers null past it, without an error)
		assertThat(shaped(query, limit).json()).isNotEqualTo(shaped(query).json());
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
