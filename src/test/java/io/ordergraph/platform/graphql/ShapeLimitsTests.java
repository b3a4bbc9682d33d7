package io.ordergraph.platform.graphql;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Depth, complexity and aliases are walked once per operation that passed, and every time where a variable decides. */
class ShapeLimitsTests {

	private final AtomicInteger walked = new AtomicInteger();

	private final GraphQL graphQl;

	ShapeLimitsTests() {
		Map<String, Object> node = new HashMap<>();
		node.put("id", "1");
		node.put("child", node);
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
				new SchemaParser().parse("type Query { node: Node } type Node { id: ID child: Node }"),
				RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("node", env -> node)).build());
		// the complexity of every field, as the check walks the query: counted here
		MaxQueryComplexityInstrumentation complexity = new MaxQueryComplexityInstrumentation(100,
				(environment, childComplexity) -> {
					walked.incrementAndGet();
					return childComplexity + 1;
				});
		ShapeLimits limits = new ShapeLimits(new MaxQueryDepthInstrumentation(3), complexity,
				new AliasLimitInstrumentation(1));
		// as in the application, the same text is parsed once and its document kept
		Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();
		PreparsedDocumentProvider cache = (input, parse) -> CompletableFuture
			.completedFuture(documents.computeIfAbsent(input.getQuery(), query -> parse.apply(input)));
		this.graphQl = GraphQL.newGraphQL(schema).instrumentation(limits).preparsedDocumentProvider(cache).build();
	}

	private ExecutionResult run(String query, Map<String, Object> variables) {
		return graphQl.execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
	}

	@Test
	void anOperationThatPassedIsNotWalkedAgain() {
		String query = "{ node { id child { id } } }";
		assertThat(run(query, Map.of()).getErrors()).isEmpty();
		int once = walked.get();
		assertThat(once).isPositive();
		assertThat(run(query, Map.of()).getErrors()).isEmpty();
		assertThat(walked.get()).isEqualTo(once);
		// another document is checked on its own
		assertThat(run("{ node { child { id } } }", Map.of()).getErrors()).isEmpty();
		assertThat(walked.get()).isGreaterThan(once);
	}

	@Test
	void anOperationThatWasRefusedIsRefusedEveryTime() {
		String deep = "{ node { child { child { child { id } } } } }";
		String aliased = "{ a: node { id } b: node { id } }";
		for (int i = 0; i < 2; i++) {
			assertThat(run(deep, Map.of()).getErrors()).singleElement()
				.satisfies(error -> assertThat(error.getMessage()).containsIgnoringCase("depth"));
			assertThat(run(aliased, Map.of()).getErrors()).singleElement()
				.satisfies(error -> assertThat(error.getMessage()).contains("aliases"));
		}
	}

	@Test
	void anOperationWhoseShapeAVariableDecidesIsCheckedEveryTime() {
		String query = "query($deep: Boolean!) { node { id ...more } } "
				+ "fragment more on Node { child @include(if: $deep) { child { child { id } } } }";
		assertThat(run(query, Map.of("deep", false)).getErrors()).isEmpty();
		assertThat(run(query, Map.of("deep", true)).getErrors()).singleElement()
			.satisfies(error -> assertThat(error.getMessage()).containsIgnoringCase("depth"));
		assertThat(run("query($shallow: Boolean!) { node { child @skip(if: $shallow) { child { child { id } } } } }",
				Map.of("shallow", true))
			.getErrors()).isEmpty();
		assertThat(run("query($shallow: Boolean!) { node { child @skip(if: $shallow) { child { child { id } } } } }",
				Map.of("shallow", false))
			.getErrors()).isNotEmpty();
	}

}
