package io.ordergraph.ordering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.IntegrationTest;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the ordering tests: products, registered customers and orders, all made through the API. */
abstract class OrderingTest extends IntegrationTest {

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

	private HttpGraphQlTester productManager;

	private HttpGraphQlTester orderManager;

	HttpGraphQlTester productManager() {
		if (productManager == null) {
			productManager = staff(Permission.MANAGE_PRODUCTS);
		}
		return productManager;
	}

	/** Staff with MANAGE_ORDERS, one per test. */
	HttpGraphQlTester orderManager() {
		if (orderManager == null) {
			orderManager = staff(Permission.MANAGE_ORDERS);
		}
		return orderManager;
	}

	static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	String product(String name, String price, int stock) {
		return product(name, price, "KES", stock, true);
	}

	String product(String name, String price, String currency, int stock, boolean visible) {
		Map<String, Object> input = new HashMap<>();
		input.put("name", name);
		input.put("price", Map.of("amount", price, "currency", currency));
		input.put("stock", stock);
		input.put("visible", visible);
		return productManager()
			.document("mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } errors { code } } }")
			.variable("input", input)
			.execute()
			.path("createProduct.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("createProduct.product.id")
			.entity(String.class)
			.get();
	}

	int stockOf(String productId) {
		return productManager().document("query($id: ID!) { product(id: $id) { stock } }")
			.variable("id", productId)
			.execute()
			.path("product.stock")
			.entity(Integer.class)
			.get();
	}

	void adjustStock(String productId, int delta) {
		productManager()
			.document("mutation($input: AdjustStockInput!) { adjustStock(input: $input) { errors { code } } }")
			.variable("input", Map.of("id", productId, "delta", delta, "reason", "test"))
			.execute()
			.path("adjustStock.errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** A signed-in, registered customer. */
	record Shopper(HttpGraphQlTester tester, String customerId, String subject, String token, String name) {
	}

	Shopper shopper() {
		String subject = newSubject("shopper");
		String token = token(subject, Caller.ROLE_CUSTOMER);
		HttpGraphQlTester tester = withToken(token);
		String name = unique("Shopper");
		String id = tester.document("""
				mutation($input: RegisterCustomerInput!) {
				  registerCustomer(input: $input) { customer { id } errors { code message } }
				}""")
			.variable("input", Map.of("name", name, "phone", "+2547" + (10000000 + (int) (Math.random() * 89999999))))
			.execute()
			.path("registerCustomer.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("registerCustomer.customer.id")
			.entity(String.class)
			.get();
		return new Shopper(tester, id, subject, token, name);
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
		return new java.math.BigDecimal(String.valueOf(((Map<String, Object>) order.get(field)).get("amount")));
	}

}
