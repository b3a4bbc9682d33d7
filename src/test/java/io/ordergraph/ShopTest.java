package io.ordergraph;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * What tests of the shop's flows share: products made by a product manager, staff who run orders, and registered
 * shoppers, all made through GraphQL as a client would.
 */
public abstract class ShopTest extends IntegrationTest {

	private HttpGraphQlTester productManager;

	private HttpGraphQlTester orderManager;

	/** A signed-in, registered customer. */
	public record Shopper(HttpGraphQlTester tester, String customerId, String subject, String token, String name) {
	}

	/** Staff with MANAGE_PRODUCTS, one per test. */
	protected HttpGraphQlTester productManager() {
		if (productManager == null) {
			productManager = staff(Permission.MANAGE_PRODUCTS);
		}
		return productManager;
	}

	/** Staff with MANAGE_ORDERS, one per test. */
	protected HttpGraphQlTester orderManager() {
		if (orderManager == null) {
			orderManager = staff(Permission.MANAGE_ORDERS);
		}
		return orderManager;
	}

	protected static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Creates a product; answers its global id. */
	protected String product(String name, String price, String currency, int stock, boolean visible) {
		Map<String, Object> input = new HashMap<>();
		input.put("name", name);
		input.put("price", Map.of("amount", price, "currency", currency));
		input.put("stock", stock);
		input.put("visible", visible);
		return productMutation("createProduct", "CreateProductInput", input);
	}

	/** Runs a product mutation that must succeed; answers the product's global id. */
	protected String productMutation(String mutation, String inputType, Map<String, Object> input) {
		return productManager()
			.document("mutation($input: " + inputType + "!) { " + mutation + "(input: $input) { product { id } errors { code } } }")
			.variable("input", input)
			.execute()
			.path(mutation + ".errors")
			.entityList(Object.class)
			.hasSize(0)
			.path(mutation + ".product.id")
			.entity(String.class)
			.get();
	}

	protected void adjustStock(String productId, int delta) {
		productMutation("adjustStock", "AdjustStockInput", Map.of("id", productId, "delta", delta, "reason", "Test"));
	}

	protected int stockOf(String productId) {
		return productManager().document("query($id: ID!) { product(id: $id) { stock } }")
			.variable("id", productId)
			.execute()
			.path("product.stock")
			.entity(Integer.class)
			.get();
	}

	/** A new customer who registered through GraphQL. */
	protected Shopper shopper() {
		String subject = newSubject("shopper");
		String token = token(subject, Caller.ROLE_CUSTOMER);
		HttpGraphQlTester tester = withToken(token);
		String name = unique("Shopper");
		String phone = String.format("+2547%08d", ThreadLocalRandom.current().nextInt(100_000_000));
		String id = tester.document("""
				mutation($input: RegisterCustomerInput!) {
				  registerCustomer(input: $input) { customer { id } errors { code message } }
				}""")
			.variable("input", Map.of("name", name, "phone", phone))
			.execute()
			.path("registerCustomer.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("registerCustomer.customer.id")
			.entity(String.class)
			.get();
		return new Shopper(tester, id, subject, token, name);
	}

}
