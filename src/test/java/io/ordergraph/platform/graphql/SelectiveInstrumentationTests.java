package io.ordergraph.platform.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SelectiveInstrumentationTests {

	private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { items: [Item] } type Item { name: String }"),
			RuntimeWiring.newRuntimeWiring()
				.type("Query", t -> t.dataFetcher("items", env -> List.of(Map.of("name", "a"), Map.of("name", "b"))))
				.type("Item", t -> t.dataFetcher("name", env -> env.<Map<String, String>>getSource().get("name")))
				.build());

	/** Acts once per operation: never asked about fields by the selective chain. */
	static final class PerOperation extends SimplePerformantInstrumentation {

		final List<String> trace;

		PerOperation(List<String> trace) {
			this.trace = trace;
		}

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			trace.add("operation");
			return null;
		}

	}

	/** Wraps every non-trivial data fetcher and reports its own state in the result's extensions. */
	static final class Wrapping extends SimplePerformantInstrumentation {

		final String name;

		final List<String> trace;

		Wrapping(String name, List<String> trace) {
			this.name = name;
			this.trace = trace;
		}

		record Calls(String owner) implements InstrumentationState {
		}

		@Override
		public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters p) {
			return CompletableFuture.completedFuture(new Calls(name));
		}

		@Override
		public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters p,
				InstrumentationState state) {
			return env -> {
				trace.add(name + ":" + env.getField().getName());
				return fetcher.get(env);
			};
		}

		@Override
		public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
				InstrumentationExecutionParameters p, InstrumentationState state) {
			Map<Object, Object> extensions = new java.util.LinkedHashMap<>();
			if (result.getExtensions() != null) {
				extensions.putAll(result.getExtensions());
			}
			extensions.put(name, ((Calls) state).owner());
			return CompletableFuture.completedFuture(result.transform(b -> b.extensions(extensions)));
		}

	}

	private static ExecutionResult run(Instrumentation instrumentation) {
		return GraphQL.newGraphQL(SCHEMA).instrumentation(instrumentation).build().execute("{ items { name } }");
	}

	@Test
	void behavesAsGraphQlJavasChainWithTheSameMembers() {
		List<String> chained = new CopyOnWriteArrayList<>();
		List<String> selective = new CopyOnWriteArrayList<>();
		ExecutionResult expected = run(new ChainedInstrumentation(new PerOperation(chained),
				new Wrapping("first", chained), new Wrapping("second", chained)));
		ExecutionResult actual = run(new SelectiveInstrumentation(List.of(new PerOperation(selective),
				new Wrapping("first", selective), new Wrapping("second", selective))));

		assertThat(actual.getErrors()).isEmpty();
		assertThat(actual.<Object>getData()).isEqualTo(expected.getData())
			.isEqualTo(Map.of("items", List.of(Map.of("name", "a"), Map.of("name", "b"))));
		// each member got its own state, and the results were folded in order
		assertThat(actual.getExtensions()).isEqualTo(expected.getExtensions())
			.containsExactly(Map.entry("first", "first"), Map.entry("second", "second"));
		// the per-operation member ran once; the wrappers nest as in the chain (the last member outermost)
		assertThat(selective).isEqualTo(chained)
			.containsExactly("operation", "second:items", "first:items", "second:name", "first:name", "second:name",
					"first:name");
	}

}
