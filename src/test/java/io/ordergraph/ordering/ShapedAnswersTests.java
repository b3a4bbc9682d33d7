package io.ordergraph.ordering;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.platform.graphql.ShapedExecution;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP, on real data: the pages the shaped execution writes the short way ({@link ShapedExecution}) answer what
 * graphql-java's own strategy answers for the same request. A test-only interceptor switches a request to
 * graphql-java's strategy ({@link ShapedExecution#OFF}); the counter of fields written the short way shows which way
 * each request went.
 */
@Import(ShapedAnswersTests.GraphqlJavaOnRequest.class)
class ShapedAnswersTests extends OrderingTest {

	private static final String ENGINE = "X-Test-Engine";

	@TestConfiguration(proxyBeanMethods = false)
	static class GraphqlJavaOnRequest {

		@Bean
		WebGraphQlInterceptor graphqlJavaOnRequest() {
			return (request, chain) -> {
				if ("graphql-java".equals(request.getHeaders().getFirst(ENGINE))) {
					request.configureExecutionInput((input, builder) -> {
						input.getGraphQLContext().put(ShapedExecution.OFF, true);
						return input;
					});
				}
				return chain.next(request);
			};
		}

	}

	private static final JsonMapper JSON = new JsonMapper();

	@Autowired
	MeterRegistry meters;

	private double written() {
		return meters.get("ordergraph.graphql.shaped").tag("outcome", "written").counter().count();
	}

	private String post(String token, String document, boolean graphqlJava) {
		WebTestClient.RequestBodySpec request = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (graphqlJava) {
			request.header(ENGINE, "graphql-java");
		}
		return request.bodyValue(Map.of("query", document))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * The answer written the short way (at least in part), after checking it against graphql-java's: the same data, the
	 * same errors, the same cost (the rate limit's remaining budget moves between the two requests).
	 */
	private JsonNode bothWays(String token, String document) {
		double before = written();
		JsonNode shaped = JSON.readTree(post(token, document, false));
		assertThat(written()).as("written the short way: %s", document).isGreaterThan(before);
		double between = written();
		JsonNode reference = JSON.readTree(post(token, document, true));
		assertThat(written()).as("graphql-java's way: %s", document).isEqualTo(between);
		assertThat(shaped.get("data")).as(document).isEqualTo(reference.get("data"));
		assertThat(shaped.get("errors")).as(document).isEqualTo(reference.get("errors"));
		assertThat(shaped.at("/extensions/cost")).as(document).isEqualTo(reference.at("/extensions/cost"));
		return shaped;
	}

	@Test
	void theStaffOrderPageAnswersAsGraphqlJavaDoes() {
		String tea = product(unique("Tea"), "3.5", 100);
		String cake = product(unique("Cake"), "12", 100);
		Shopper shopper = shopper();
		placeOk(shopper.tester(), List.of(line(tea, 2), line(cake, 1)));
		placeOk(shopper.tester(), List.of(line(cake, 3)));
		String token = staffToken(Permission.MANAGE_ORDERS);
		JsonNode page = bothWays(token, """
				{ orders(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
				  __typename id number status placedBy subtotal { amount currency } tax { amount } total { amount currency }
				  customer { id name phone code deleted createdAt }
				  lines { id quantity productName unitPrice { amount currency } amount { amount }
				    product { id name price { amount currency } stock visible archived archivedAt } } } } } }""");
		assertThat(page.at("/data/orders/edges/0/node/lines/0/product/name").asString()).startsWith("Cake");
		assertThat(page.at("/data/orders/edges/1/node/lines").size()).isEqualTo(2);
		// aliases and fragments, and a field graphql-java resolves (the status history) beside shaped ones
		bothWays(token, """
				{ recent: orders(first: 3) { edges { node { ...Order statusHistory { status } } } } }
				fragment Order on Order { n: number total { ... on Money { amount } } lines { q: quantity } }""");
	}

	@Test
	void aCustomersOwnOrdersHideAProductHiddenSinceAsGraphqlJavaDoes() {
		String secret = product(unique("Secret"), "5", 100);
		Shopper shopper = shopper();
		placeOk(shopper.tester(), List.of(line(secret, 1)));
		productMutation("setProductVisibility", "SetProductVisibilityInput", Map.of("id", secret, "visible", false));
		JsonNode mine = bothWays(shopper.token(),
				"{ orders(first: 5) { edges { node { number lines { productName product { name } } } } } }");
		assertThat(mine.at("/data/orders/edges/0/node/lines/0/product").isNull()).isTrue();
		assertThat(mine.at("/data/orders/edges/0/node/lines/0/productName").asString()).startsWith("Secret");
	}

	@Test
	void theCatalogAnswersAsGraphqlJavaDoes() {
		product(unique("Bread"), "2.25", 7);
		JsonNode anonymous = bothWays(null,
				"{ products(first: 50) { edges { node { id name description price { amount currency } stock } } } }");
		assertThat(anonymous.at("/data/products/edges").size()).isPositive();
		bothWays(staffToken(Permission.MANAGE_PRODUCTS),
				"{ products(first: 50) { edges { node { id name visible archived createdAt updatedAt } } } }");
	}

	@Test
	void anOrderReachedByIdHasItsChildrenLoadedAndStillAnswersAsGraphqlJavaDoes() {
		String tea = product(unique("Tea"), "3", 100);
		Map<String, Object> order = placeOk(shopper().tester(), List.of(line(tea, 4)));
		// no page prefetched the lines: they come from their data loader; the money is still written the short way
		JsonNode one = bothWays(staffToken(Permission.MANAGE_ORDERS), "{ order(id: \"" + id(order)
				+ "\") { number total { amount currency } lines { quantity product { name } } } }");
		assertThat(one.at("/data/order/lines/0/quantity").asInt()).isEqualTo(4);
	}

}
