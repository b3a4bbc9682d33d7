package io.ordergraph.platform;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.IntegrationTest;
import io.ordergraph.platform.graphql.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

class GraphQlConventionsTests extends IntegrationTest {

	@Test
	void aMalformedGlobalIdFindsNothing() {
		anonymous().document("{ node(id: \"%%%not-base64\") { id } }").execute().errors().verify().path("node").valueIsNull();
	}

	@Test
	void unknownTypeOrIdResolvesToNull() {
		String unknown = GlobalId.encode("Nothing", java.util.UUID.randomUUID());
		anonymous().document("{ node(id: \"" + unknown + "\") { id } }").execute().path("node").valueIsNull();
	}

	@Test
	void aMalformedIdAmongSeveralAnswersNullInItsPlace() {
		String unknown = GlobalId.encode("Nothing", java.util.UUID.randomUUID());
		anonymous().document("{ nodes(ids: [\"" + unknown + "\", \"***\"]) { id } }")
			.execute()
			.path("nodes")
			.entityList(Object.class)
			.hasSize(2)
			.path("nodes[1]")
			.valueIsNull();
	}

	@Test
	void nulCharactersAreRefusedAsBadRequests() {
		anonymous().document("query($s: String) { node(id: $s) { id } }")
			.variable("s", "a\u0000b")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST)));
	}

	@Test
	void anOversizedChunkedBodyIsRefusedToo() {
		byte[] chunk = ("{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + "y".repeat(150_000) + "\"}}")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.body(reactor.core.publisher.Flux.just(org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance
				.wrap(chunk)), org.springframework.core.io.buffer.DataBuffer.class)
			.exchange()
			.expectStatus()
			.is4xxClientError();
	}

	@Test
	void tooManyIdsAreRefused() {
		String ids = String.join(",", java.util.Collections.nCopies(101, "\"" + GlobalId.encode("Nothing",
				java.util.UUID.randomUUID()) + "\""));
		anonymous().document("{ nodes(ids: [" + ids + "]) { id } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST)));
	}

	@Test
	void overDeepQueryIsRefusedAsBadRequest() {
		// __type introspection nests without bound: ofType { ofType { ... } }
		String deep = "{ __type(name: \"Query\") { " + "ofType { ".repeat(15) + "name" + " }".repeat(15) + " } }";
		anonymous().document(deep)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
				assertThat(e.getMessage()).contains("deep");
			}));
	}

	@Test
	void graphiqlsIntrospectionQueryPassesTheGuards() {
		// GraphiQL (graphql-js 16) nests ofType nine levels deep: 14 levels in all
		String introspection = graphql.introspection.IntrospectionQueryBuilder.build(
				graphql.introspection.IntrospectionQueryBuilder.Options.defaultOptions().typeRefFragmentDepth(9));
		anonymous().document(introspection).execute().path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
	}

	@Test
	void tooManyAliasesAreRefused() {
		StringBuilder query = new StringBuilder("{");
		for (int i = 0; i < 31; i++) {
			query.append(" a").append(i).append(": __typename");
		}
		anonymous().document(query.append(" }").toString())
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
				assertThat(e.getMessage()).contains("aliases");
			}));
	}

	@Test
	void overlongDocumentIsRefused() {
		String padding = " ".repeat(20_001);
		anonymous().document("{ __typename }" + padding)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST)));
	}

	@Test
	void oversizedRequestBodyIsRefusedBeforeParsing() {
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + "y".repeat(100_001) + "\"}}")
			.exchange()
			.expectStatus()
			.isEqualTo(413);
	}

	@Test
	void syntaxErrorsReachTheClientWithoutInternals() {
		anonymous().document("{ node(id: ")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("at io.");
			}));
	}

}
