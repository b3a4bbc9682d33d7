package io.ordergraph.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ResultNodesInfo;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short way through plain scalar and enum properties gives the answer graphql-java's own strategy gives, errors
 * included, and is taken only where nothing would notice it.
 */
class PlainLeafExecutionTests {

	enum Colour {
		RED, GREEN
	}

	/** A parent object read by property; each getter notes whether graphql-java's fetchField was on the stack. */
	public static final class Item {

		static final List<String> READ_THE_LONG_WAY = new CopyOnWriteArrayList<>();

		private final String name;

		private final Integer count;

		private final Colour colour;

		private final String odd;

		Item(String name, Integer count, Colour colour, String odd) {
			this.name = name;
			this.count = count;
			this.colour = colour;
			this.odd = odd;
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
					throw new graphql.schema.CoercingSerializeException("Picky refuses " + input);
				}
				return input.toString();
			}
		})
		.build();

	private static GraphQLSchema schema() {
		String sdl = """
				scalar Picky
				enum Colour { RED GREEN }
				type Query { items: [Item] item: Item strict: Strict loaded: [Item] }
				type Item { name: String! count: Int colour: Colour odd: Picky greeting: String
				  label: String }
				type Strict { item: Item! }
				""";
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
				RuntimeWiring.newRuntimeWiring()
					.scalar(PICKY)
					.type("Query", t -> t.dataFetcher("items", env -> items())
						.dataFetcher("item", env -> new Item(null, 1, Colour.RED, "x"))
						.dataFetcher("strict", env -> Map.of())
						.dataFetcher("loaded", env -> env.<String, Item>getDataLoader("items")
							.loadMany(List.of("a", "b"))))
					.type("Item", t -> t.dataFetcher("label",
							env -> CompletableFuture.completedFuture(env.<Item>getSource().name + "!")))
					.type("Strict", t -> t.dataFetcher("item", env -> null))
					.build());
	}

	private static List<Item> items() {
		return List.of(new Item("a", 1, Colour.RED, "fine"), new Item("b", null, Colour.GREEN, "refused"),
				new Item("c", 3, null, null));
	}

	private static Map<String, Object> run(ExecutionStrategy strategy, Instrumentation instrumentation, String query,
			Map<Object, Object> context) {
		GraphQL graphQl = GraphQL.newGraphQL(schema())
			.queryExecutionStrategy(strategy)
			.instrumentation(instrumentation)
			.build();
		DataLoaderRegistry loaders = new DataLoaderRegistry();
		loaders.register("items", DataLoaderFactory.newDataLoader((List<String> keys) -> CompletableFuture
			.completedFuture(keys.stream().map(key -> new Item(key, key.length(), Colour.GREEN, key)).toList())));
		return graphQl
			.execute(ExecutionInput.newExecutionInput(query).dataLoaderRegistry(loaders).graphQLContext(context))
			.toSpecification();
	}

	private static Map<String, Object> plain(String query) {
		return run(new PlainLeafExecution(new SimpleDataFetcherExceptionHandler()),
				new SelectiveInstrumentation(List.of()), query, Map.of());
	}

	private static Map<String, Object> graphqlJava(String query) {
		return run(new AsyncExecutionStrategy(), new SelectiveInstrumentation(List.of()), query, Map.of());
	}

	private static final List<String> QUERIES = List.of(
			"{ items { name count colour odd } }",
			"{ item { name count } }",
			"{ items { ... on Item { n: name colour } name greeting label } }",
			"{ strict { item { name } } }",
			"{ loaded { name count colour } items { name } }",
			"{ items { count @skip(if: true) name @include(if: true) } }");

	@Test
	void answersAsGraphqlJavaDoesErrorsIncluded() {
		for (String query : QUERIES) {
			assertThat(plain(query)).as(query).isEqualTo(graphqlJava(query));
		}
		// the cases the comparison covers really happened
		assertThat(plain("{ items { odd } }").get("errors").toString()).contains("Picky refuses refused");
		assertThat(plain("{ item { name } }").get("errors").toString()).contains("non-null");
		assertThat(plain("{ loaded { name } }").get("data").toString()).contains("name=a").contains("name=b");
	}

	@Test
	void plainPropertiesSkipGraphqlJavasFetchWhileOthersTakeIt() {
		Item.READ_THE_LONG_WAY.clear();
		plain("{ items { name count colour greeting } }");
		// a getter that wants the environment is read the long way; the plain ones are not
		assertThat(Item.READ_THE_LONG_WAY).containsOnly("greeting");
		Item.READ_THE_LONG_WAY.clear();
		graphqlJava("{ items { name count colour } }");
		assertThat(Item.READ_THE_LONG_WAY).hasSize(9);
	}

	/** Sees every field fetched, trivial or not. */
	static final class FieldWatcher extends SimplePerformantInstrumentation {

		final List<String> seen = new ArrayList<>();

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
	void anInstrumentationThatWouldSeeTheFieldsKeepsTheLongWay() {
		FieldWatcher watcher = new FieldWatcher();
		SelectiveInstrumentation watched = new SelectiveInstrumentation(List.of(watcher));
		assertThat(watched.leavesPlainFieldsAlone()).isFalse();
		run(new PlainLeafExecution(new SimpleDataFetcherExceptionHandler()), watched, "{ items { name count } }",
				Map.of());
		assertThat(watcher.seen).containsExactly("items", "name", "count", "name", "count", "name", "count");
		assertThat(new SelectiveInstrumentation(List.of(new WrapsEverything())).leavesPlainFieldsAlone()).isFalse();
		// ours and Spring's, which hand trivial data fetchers back unwrapped, do not stand in the way
		assertThat(new SelectiveInstrumentation(List.of(new RequestFailures(), new SelectiveInstrumentationTests
			.PerOperation(new ArrayList<>()), new org.springframework.graphql.observation.GraphQlObservationInstrumentation(
					io.micrometer.observation.ObservationRegistry.create())))
			.leavesPlainFieldsAlone()).isTrue();
	}

	@Test
	void graphqlJavasResultNodeCountStillCountsEveryField() {
		String query = "{ items { name count colour } }";
		assertThat(resultNodes(new PlainLeafExecution(new SimpleDataFetcherExceptionHandler()), query))
			.isEqualTo(resultNodes(new AsyncExecutionStrategy(), query))
			.isEqualTo(1 + 3 + 3 * 3);
	}

	private static int resultNodes(ExecutionStrategy strategy, String query) {
		ExecutionInput input = ExecutionInput.newExecutionInput(query).build();
		GraphQL.newGraphQL(schema())
			.queryExecutionStrategy(strategy)
			.instrumentation(new SelectiveInstrumentation(List.of()))
			.build()
			.execute(input);
		return input.getGraphQLContext().<ResultNodesInfo>get(ResultNodesInfo.RESULT_NODES_INFO).getResultNodesCount();
	}

	@Test
	void graphqlJavasResultNodeLimitStillCountsEveryField() {
		String query = "{ items { name count colour } }";
		Map<String, Object> limited = run(new PlainLeafExecution(new SimpleDataFetcherExceptionHandler()),
				new SelectiveInstrumentation(List.of()), query, Map.of(ResultNodesInfo.MAX_RESULT_NODES, 5));
		Map<String, Object> reference = run(new AsyncExecutionStrategy(), new SelectiveInstrumentation(List.of()),
				query, Map.of(ResultNodesInfo.MAX_RESULT_NODES, 5));
		assertThat(limited).isEqualTo(reference);
		// the limit cut the answer short (graphql-java answers null past it, without an error)
		assertThat(limited).isNotEqualTo(plain(query));
	}

}
