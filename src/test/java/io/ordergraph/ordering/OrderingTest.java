package io.ordergraph.ordering;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import io.ordergraph.ShopTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the ordering tests: products, registered customers and orders, all made through the API. */
abstract class OrderingTest extends ShopTest {

	// language=GraphQL
	static final String ORDER_FIELDS = """
			id number status note archived placedBy placedAt
			customer { id name }
			lines { id productName quantity unitPrice { amount currency } amount { amount currency } }
			subtotal { amount currency } tax { amount currency } total { amount currency }
			statusHistory { status previousStatus actorKind actorName note at }""";

	// language=GraphQL
	static final String PAYLOAD = "{ order { " + ORDER_FIELDS + " } errors { code field message } }";

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	String product(String name, String price, int stock) {
		return product(name, price, "KES", stock, true);
	}

	static Map<String, Object> line(String productId, int quantity) {
		return Map.of("productId", productId, "quantity", quantity);
	}

	static GraphQlTester.Response place(GraphQlTester tester, Map<String, Object> input) {
		return tester.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) " + PAYLOAD + " }")
			.variable("input", input)
			.execute();
	}

	/** Places an order that must succeed; answers the order as returned. */
	static Map<String, Object> placeOk(GraphQlTester tester, List<Map<String, Object>> lines) {
		return ok(place(tester, Map.of("lines", lines)), "placeOrder");
	}

	static GraphQlTester.Response change(GraphQlTester tester, String mutation, String inputType,
			Map<String, Object> input) {
		return tester.document("mutation($input: " + inputType + "!) { " + mutation + "(input: $input) " + PAYLOAD + " }")
			.variable("input", input)
			.execute();
	}

	static Map<String, Object> ok(GraphQlTester.Response response, String mutation) {
		response.path(mutation + ".errors").entityList(Object.class).hasSize(0);
		return response.path(mutation + ".order").entity(MAP).get();
	}

	static void expectUserError(GraphQlTester.Response response, String mutation, String code) {
		response.path(mutation + ".order").valueIsNull();
		response.path(mutation + ".errors[*].code").entityList(String.class).containsExactly(code);
	}

	static void expectError(GraphQlTester.Response response, ErrorType type) {
		response.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty()
				.allSatisfy(e -> assertThat(e.getErrorType()).isEqualTo(type)));
	}

	Map<String, Object> read(GraphQlTester tester, String orderId) {
		return tester.document("query($id: ID!) { order(id: $id) { " + ORDER_FIELDS + " } }")
			.variable("id", orderId)
			.execute()
			.path("order")
			.entity(MAP)
			.get();
	}

	static String id(Map<String, Object> order) {
		return (String) order.get("id");
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> lines(Map<String, Object> order) {
		return (List<Map<String, Object>>) order.get("lines");
	}

	@SuppressWarnings("unchecked")
	static java.math.BigDecimal amount(Map<String, Object> order, String field) {
		// a JSON string, never a number
		return new java.math.BigDecimal((String) ((Map<String, Object>) order.get(field)).get("amount"));
	}

}
