package io.ordergraph.catalog;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.IntegrationTest;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers shared by the catalog's tests: making products and reading them back as staff. */
abstract class CatalogTest extends IntegrationTest {

	// language=GraphQL
	static final String PRODUCT_FIELDS = """
			id name description price { amount currency } stock visible archived archivedAt createdAt updatedAt""";

	// language=GraphQL
	static final String PAYLOAD = "{ product { " + PRODUCT_FIELDS + " } errors { code field message } }";

	private HttpGraphQlTester productManager;

	/** One employee with MANAGE_PRODUCTS per test, made on first use. */
	HttpGraphQlTester productManager() {
		if (productManager == null) {
			productManager = staff(Permission.MANAGE_PRODUCTS);
		}
		return productManager;
	}

	static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID();
	}

	static Map<String, Object> input(String name, String amount, String currency, int stock, boolean visible) {
		Map<String, Object> input = new HashMap<>();
		input.put("name", name);
		input.put("description", "About " + name);
		input.put("price", Map.of("amount", amount, "currency", currency));
		input.put("stock", stock);
		input.put("visible", visible);
		return input;
	}

	/** Runs {@code mutation(input: $input)} answering a ProductPayload. */
	static GraphQlTester.Response mutate(GraphQlTester tester, String mutation, String inputType,
			Map<String, Object> input) {
		return tester.document("mutation($input: " + inputType + "!) { " + mutation + "(input: $input) " + PAYLOAD + " }")
			.variable("input", input)
			.execute();
	}

	/** Creates a product as a product manager; answers its global id. */
	String createProduct(String name, int stock, boolean visible) {
		return createProduct(input(name, "10.00", "KES", stock, visible));
	}

	String createProduct(Map<String, Object> input) {
		return mutate(productManager(), "createProduct", "CreateProductInput", input).path("createProduct.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("createProduct.product.id")
			.entity(String.class)
			.get();
	}

	String archivedProduct(String name) {
		String id = createProduct(name, 3, true);
		mutate(productManager(), "archiveProduct", "ArchiveProductInput", Map.of("id", id))
			.path("archiveProduct.errors")
			.entityList(Object.class)
			.hasSize(0);
		return id;
	}

	/** The product as staff with MANAGE_PRODUCTS see it now. */
	Map<String, Object> read(String id) {
		return productManager().document("query($id: ID!) { product(id: $id) { " + PRODUCT_FIELDS + " } }")
			.variable("id", id)
			.execute()
			.path("product")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	int stockOf(String id) {
		return ((Number) read(id).get("stock")).intValue();
	}

	static BigDecimal amountOf(Map<String, Object> product) {
		@SuppressWarnings("unchecked")
		Map<String, Object> price = (Map<String, Object>) product.get("price");
		return new BigDecimal((String) price.get("amount")); // a JSON string, never a number
	}

	/** Asserts the response failed with exactly one GraphQL error of the given classification. */
	static void expectError(GraphQlTester.Response response, ErrorType type) {
		response.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(type)));
	}

	/** Asserts the mutation answered no product and exactly these user error codes. */
	static void expectUserErrors(GraphQlTester.Response response, String mutation, String... codes) {
		response.path(mutation + ".product").valueIsNull();
		response.path(mutation + ".errors[*].code").entityList(String.class).containsExactly(codes);
	}

	static List<String> names(GraphQlTester.Response response, String path) {
		return response.path(path + ".edges[*].node.name").entityList(String.class).get();
	}

}
