package io.ordergraph.cart;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import io.ordergraph.ShopTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cart and checkout tests share: products made by a product manager, registered shoppers, and the cart
 * mutations, all through GraphQL. Public so that the checkout tests (in ordering) can build on it.
 */
public abstract class CartTestSupport extends ShopTest {

	// language=GraphQL
	protected static final String CART_FIELDS = """
			id itemCount updatedAt total { amount currency }
			lines { productId product { id name } productName unitPrice { amount currency } quantity
			  amount { amount currency } available addedAt }""";

	// language=GraphQL
	protected static final String MY_CART = "{ myCart { " + CART_FIELDS + " } }";

	/** Creates a visible product with a unique name; answers its global id. */
	protected String product(String prefix, String amount, String currency, int stock) {
		return product(unique(prefix), amount, currency, stock, true);
	}

	protected void hide(String productId) {
		productMutation("setProductVisibility", "SetProductVisibilityInput", Map.of("id", productId, "visible", false));
	}

	protected void archive(String productId) {
		productMutation("archiveProduct", "ArchiveProductInput", Map.of("id", productId));
	}

	protected void reprice(String productId, String amount, String currency) {
		productMutation("updateProduct", "UpdateProductInput",
				Map.of("id", productId, "price", Map.of("amount", amount, "currency", currency)));
	}

	/** Runs a cart mutation answering a CartPayload with the cart's fields. */
	protected static GraphQlTester.Response cartMutation(GraphQlTester tester, String mutation, String inputType,
			Map<String, Object> input) {
		return tester.document("mutation($input: " + inputType + "!) { " + mutation + "(input: $input) { cart { "
				+ CART_FIELDS + " } errors { code field message } } }")
			.variable("input", input)
			.execute();
	}

	protected static GraphQlTester.Response add(GraphQlTester tester, String productId, int quantity) {
		return cartMutation(tester, "addToCart", "AddToCartInput", Map.of("productId", productId, "quantity", quantity));
	}

	/** Adds and asserts it worked. */
	protected static void added(GraphQlTester tester, String productId, int quantity) {
		add(tester, productId, quantity).path("addToCart.errors").entityList(Object.class).hasSize(0);
	}

	protected static GraphQlTester.Response set(GraphQlTester tester, String productId, int quantity) {
		return cartMutation(tester, "setCartLineQuantity", "SetCartLineQuantityInput",
				Map.of("productId", productId, "quantity", quantity));
	}

	protected static GraphQlTester.Response remove(GraphQlTester tester, String productId) {
		return cartMutation(tester, "removeFromCart", "RemoveFromCartInput", Map.of("productId", productId));
	}

	protected static GraphQlTester.Response clear(GraphQlTester tester, boolean confirm) {
		return cartMutation(tester, "clearCart", "ClearCartInput", Map.of("confirm", confirm));
	}

	/** The caller's cart as {@code myCart} shows it (null when the query answered null). */
	protected static Map<String, Object> cart(GraphQlTester tester) {
		return tester.document(MY_CART).execute().path("myCart").entity(new ParameterizedTypeReference<Map<String, Object>>() {
		}).get();
	}

	/** The cart's lines as product id → quantity, in the cart's order. */
	@SuppressWarnings("unchecked")
	protected static List<Map.Entry<String, Integer>> quantities(Map<String, Object> cart) {
		return ((List<Map<String, Object>>) cart.get("lines")).stream()
			.map(line -> Map.entry((String) line.get("productId"), ((Number) line.get("quantity")).intValue()))
			.toList();
	}

	@SuppressWarnings("unchecked")
	protected static BigDecimal amount(Map<String, Object> object, String moneyField) {
		// a JSON string, never a number
		return new BigDecimal((String) ((Map<String, Object>) object.get(moneyField)).get("amount"));
	}

	/** Asserts the response failed with exactly one GraphQL error of the given classification. */
	protected static void expectError(GraphQlTester.Response response, ErrorType type) {
		response.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(type)));
	}

	/** Asserts the cart mutation answered no cart and exactly these user error codes. */
	protected static void expectUserErrors(GraphQlTester.Response response, String mutation, String... codes) {
		response.path(mutation + ".cart").valueIsNull();
		response.path(mutation + ".errors[*].code").entityList(String.class).containsExactly(codes);
	}

}
