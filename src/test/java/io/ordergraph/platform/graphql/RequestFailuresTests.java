package io.ordergraph.platform.graphql;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs scale with incidents, not with fields: 200 requests whose 100 fields each fail unexpectedly write one line per
 * request and one stack trace in all, with graphql-java and our resolver and instrumentation as the server runs them.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestFailuresTests {

	private final GraphQL graphQl = GraphQL
		.newGraphQL(schema())
		.instrumentation(new RequestFailures())
		.defaultDataFetcherExceptionHandler(DataFetcherExceptionResolver.createExceptionHandler(List.of(new ErrorResolver())))
		.build();

	private static GraphQLSchema schema() {
		String sdl = "type Query { items: [Item!] } type Item { name: String }";
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", t -> t.dataFetcher("items", env -> IntStream.range(0, 100).mapToObj(i -> Map.of()).toList()))
			.type("Item", t -> t.dataFetcher("name", env -> {
				throw new IllegalStateException("ERROR: relation \"secret\" does not exist");
			}))
			.build();
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
	}

	@Test
	void aBurstOfFailingRequestsWritesKilobytes(CapturedOutput output) {
		int before = output.length();
		for (int i = 0; i < 200; i++) {
			ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput("{ items { name } }").build());
			assertThat(result.getErrors()).hasSize(100);
			// one reference per request, the one in every error the client sees
			assertThat(result.getErrors().stream().map(e -> e.getExtensions().get("reference")).distinct()).hasSize(1);
			assertThat(result.getErrors().get(0).getMessage()).doesNotContain("secret");
		}
		String logged = output.toString().substring(before);
		assertThat(logged.lines().filter(l -> l.contains("GraphQL request failed: reference="))).hasSize(200);
		assertThat(logged.lines().filter(l -> l.contains("java.lang.IllegalStateException: ERROR"))).hasSize(1);
		assertThat(logged.length()).isLessThan(200 * 400 + 20_000);
	}

}
