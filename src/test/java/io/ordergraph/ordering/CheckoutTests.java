package io.ordergraph.ordering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import io.ordergraph.cart.CartTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkout: a cart becomes an order at today's prices, all or nothing, once per idempotency key. */
class CheckoutTests extends CartTestSupport {

	// language=GraphQL
	private static final String CHECKOUT = """
			mutation($input: CheckoutInput!) {
			  checkout(input: $input) {
			    order { id number status note customer { id } subtotal { amount currency }
			      lines { product { id } productName unitPrice { amount currency } quantity amount { amount } } }
			    cart { itemCount }
			    errors { code field message }
			  }
			}""";

	private static GraphQlTester.Response checkout(GraphQlTester tester, String key, String note) {
		Map<String, Object> input = new HashMap<>();
		input.put("idempotencyKey", key);
		input.put("note", note);
		return tester.document(CHECKOUT).variable("input", input).execute();
	}

	private static Map<String, Object> order(GraphQlTester.Response response) {
		response.path("checkout.errors").entityList(Object.class).hasSize(0);
		return response.path("checkout.order").entity(new ParameterizedTypeReference<Map<String, Object>>() {
		}).get();
	}

	private static void expectCheckoutErrors(GraphQlTester.Response response, String... codes) {
		response.path("checkout.order").valueIsNull();
		response.path("checkout.errors[*].code").entityList(String.class).containsExactly(codes);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> lines(Map<String, Object> orderOrCart) {
		return (List<Map<String, Object>>) orderOrCart.get("lines");
	}

	@Test
	void checkoutOrdersTheCartAtTodaysPricesTakesTheStockAndEmptiesTheCart() {
		Shopper shopper = shopper();
		String tea = product("Tea", "10.00", "KES", 5);
		String cake = product("Cake", "2.50", "KES", 4);
		added(shopper.tester(), tea, 2);
		added(shopper.tester(), cake, 3);
		reprice(tea, "11", "KES");

		Map<String, Object> order = order(checkout(shopper.tester(), null, "  Ring twice  "));
		assertThat(order).containsEntry("status", "PLACED").containsEntry("note", "Ring twice");
		assertThat(((Map<?, ?>) order.get("customer")).get("id")).isEqualTo(shopper.customerId());
		List<Map<String, Object>> lines = lines(order);
		assertThat(lines).extracting(line -> (Object) ((Map<?, ?>) line.get("product")).get("id")).containsExactly(tea, cake);
		assertThat(lines).extracting(line -> line.get("quantity")).containsExactly(2, 3);
		assertThat(amount(lines.get(0), "unitPrice")).isEqualByComparingTo("11.00");
		assertThat(amount(lines.get(1), "unitPrice")).isEqualByComparingTo("2.50");
		assertThat(amount(order, "subtotal")).isEqualByComparingTo("29.50");
		assertThat(stockOf(tea)).isEqualTo(3);
		assertThat(stockOf(cake)).isEqualTo(1);
		Map<String, Object> cart = cart(shopper.tester());
		assertThat(lines(cart)).isEmpty();
		assertThat(cart.get("total")).isNull();
	}

	@Test
	void concurrentCheckoutsOfOneCartPlaceOneOrder() throws Exception {
		Shopper shopper = shopper();
		String tea = product("Tea", "10.00", "KES", 50);
		added(shopper.tester(), tea, 3);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<List<String>>> attempts = new java.util.ArrayList<>();
			for (int i = 0; i < 4; i++) {
				String key = "tab-" + i; // different keys: not retries, but two tabs and a double click
				attempts.add(pool.submit(() -> checkout(shopper.tester(), key, null).path("checkout.errors[*].code")
					.entityList(String.class)
					.get()));
			}
			List<List<String>> outcomes = new java.util.ArrayList<>();
			for (var attempt : attempts) {
				outcomes.add(attempt.get(60, java.util.concurrent.TimeUnit.SECONDS));
			}
			assertThat(outcomes.stream().filter(List::isEmpty).count()).isEqualTo(1);
			assertThat(outcomes.stream().filter(codes -> codes.equals(List.of("CART_EMPTY"))).count()).isEqualTo(3);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(stockOf(tea)).isEqualTo(47);
	}

	@Test
	void anEmptyCartCannotBeCheckedOut() {
		Shopper shopper = shopper();
		expectCheckoutErrors(checkout(shopper.tester(), null, null), "CART_EMPTY");
		expectCheckoutErrors(checkout(shopper.tester(), "never-used", null), "CART_EMPTY");
	}

	@Test
	void onlyRegisteredCustomersCheckOut() {
		expectError(checkout(anonymous(), null, null), ErrorType.UNAUTHORIZED);
		expectError(checkout(staff(), null, null), ErrorType.FORBIDDEN);
		expectError(checkout(manager(), null, null), ErrorType.FORBIDDEN);
		expectCheckoutErrors(checkout(customer(), null, null), "CUSTOMER_NOT_REGISTERED");
	}

	@Test
	void checkoutWithTooLittleStockLeavesTheCartAndTheStockAsTheyWere() {
		Shopper shopper = shopper();
		String cake = product("Cake", "1.00", "KES", 5);
		String tea = product("Tea", "1.00", "KES", 5);
		added(shopper.tester(), cake, 1);
		added(shopper.tester(), tea, 3);
		// staff take stock after the tea went into the cart
		adjustStock(tea, -3);
		Map<String, Object> before = cart(shopper.tester());

		GraphQlTester.Response response = checkout(shopper.tester(), "short-" + unique("key"), null);
		expectCheckoutErrors(response, "OUT_OF_STOCK");
		// the field names the cart's line, as myCart.lines shows it
		response.path("checkout.errors[0].field").entityList(String.class).containsExactly("cart", "lines", "1", "quantity");
		assertThat(cart(shopper.tester())).isEqualTo(before);
		assertThat(stockOf(cake)).isEqualTo(5);
		assertThat(stockOf(tea)).isEqualTo(2);

		set(shopper.tester(), tea, 2);
		order(checkout(shopper.tester(), null, null));
		assertThat(stockOf(tea)).isZero();
		assertThat(lines(cart(shopper.tester()))).isEmpty();
	}

	@Test
	void productsNoLongerOnSaleFailCheckoutAndStayInTheCart() {
		Shopper shopper = shopper();
		String tea = product("Tea", "1.00", "KES", 5);
		String cake = product("Cake", "1.00", "KES", 5);
		added(shopper.tester(), tea, 1);
		added(shopper.tester(), cake, 1);
		archive(cake);
		Map<String, Object> before = cart(shopper.tester());
		GraphQlTester.Response response = checkout(shopper.tester(), null, null);
		expectCheckoutErrors(response, "PRODUCT_UNAVAILABLE");
		// list indexes are strings in `field` (see docs/api.md), counted as in myCart.lines
		response.path("checkout.errors[0].field").entityList(String.class).containsExactly("cart", "lines", "1", "productId");
		response.path("checkout.errors[0].message").entity(String.class)
			.satisfies(m -> assertThat(m).matches("Cake .* is no longer on sale; remove it from your cart to check out\\."));
		response.path("checkout.cart.itemCount").entity(Integer.class).isEqualTo(2);
		assertThat(cart(shopper.tester())).isEqualTo(before);
		assertThat(stockOf(tea)).isEqualTo(5);
	}

	@Test
	void retryingWithTheSameKeyAnswersTheFirstOrderEvenThoughTheCartIsEmptyNow() {
		Shopper shopper = shopper();
		String tea = product("Tea", "1.00", "KES", 5);
		added(shopper.tester(), tea, 2);
		String key = unique("checkout");
		Map<String, Object> first = order(checkout(shopper.tester(), key, "Note"));

		Map<String, Object> retry = order(checkout(shopper.tester(), key, "Note"));
		assertThat(retry.get("id")).isEqualTo(first.get("id"));
		assertThat(retry.get("number")).isEqualTo(first.get("number"));
		assertThat(stockOf(tea)).isEqualTo(3);

		// the key again while the cart holds new lines is no retry: an error, no order, the new lines stay
		added(shopper.tester(), tea, 1);
		GraphQlTester.Response withNewLines = checkout(shopper.tester(), " " + key + " ", "Note");
		expectCheckoutErrors(withNewLines, "IDEMPOTENCY_KEY_REUSED");
		withNewLines.path("checkout.errors[0].field").entityList(String.class).containsExactly("input", "idempotencyKey");
		withNewLines.path("checkout.cart.itemCount").entity(Integer.class).isEqualTo(1);
		assertThat(stockOf(tea)).isEqualTo(3);
		assertThat(cart(shopper.tester()).get("itemCount")).isEqualTo(1);

		// the same key with another note is not a retry either
		GraphQlTester.Response reused = checkout(shopper.tester(), key, "Another note");
		expectCheckoutErrors(reused, "IDEMPOTENCY_KEY_REUSED");
		reused.path("checkout.errors[0].field").entityList(String.class).containsExactly("input", "idempotencyKey");
		reused.path("checkout.errors[0].message").entity(String.class).satisfies(m -> assertThat(m).endsWith("."));
		// a key used by placeOrder is no checkout's key
		String placed = unique("placed");
		order(checkout(shopper.tester(), unique("fresh"), null));
		shopper.tester()
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { errors { code } } }")
			.variable("input", Map.of("lines", List.of(Map.of("productId", tea, "quantity", 1)), "idempotencyKey", placed))
			.execute()
			.path("placeOrder.errors")
			.entityList(Object.class)
			.hasSize(0);
		expectCheckoutErrors(checkout(shopper.tester(), placed, null), "IDEMPOTENCY_KEY_REUSED");
		// keys belong to their caller: another shopper's first use of the same key is a new order
		Shopper other = shopper();
		added(other.tester(), tea, 1);
		assertThat(order(checkout(other.tester(), key, "Note")).get("id")).isNotEqualTo(first.get("id"));
	}

	@Test
	void checkoutAnswersTheEmptiedCartBesideTheOrder() {
		Shopper shopper = shopper();
		String tea = product("Tea", "3.00", "KES", 5);
		added(shopper.tester(), tea, 2);
		String cartId = (String) cart(shopper.tester()).get("id");
		GraphQlTester.Response response = shopper.tester()
			.document("mutation { checkout(input: {}) { order { id } cart { id itemCount lines { productId } total { amount } } errors { code } } }")
			.execute();
		response.path("checkout.order.id").hasValue();
		response.path("checkout.cart.id").entity(String.class).isEqualTo(cartId);
		response.path("checkout.cart.itemCount").entity(Integer.class).isEqualTo(0);
		response.path("checkout.cart.lines").entityList(Object.class).hasSize(0);
		response.path("checkout.cart.total").valueIsNull();

		// a failed checkout answers the cart as it stays
		added(shopper.tester(), tea, 3);
		adjustStock(tea, -2);
		GraphQlTester.Response failed = shopper.tester()
			.document("mutation { checkout(input: {}) { order { id } cart { itemCount } errors { code } } }")
			.execute();
		failed.path("checkout.errors[0].code").entity(String.class).isEqualTo("OUT_OF_STOCK");
		failed.path("checkout.cart.itemCount").entity(Integer.class).isEqualTo(3);
	}

	@Test
	void oneShoppersCheckoutLeavesAnothersCartAlone() {
		Shopper mine = shopper();
		Shopper other = shopper();
		String tea = product("Tea", "1.00", "KES", 10);
		String cake = product("Cake", "1.00", "KES", 10);
		added(mine.tester(), tea, 2);
		added(other.tester(), cake, 3);
		Map<String, Object> order = order(checkout(other.tester(), null, null));
		assertThat(lines(order)).extracting(line -> (Object) ((Map<?, ?>) line.get("product")).get("id")).containsExactly(cake);
		assertThat(quantities(cart(mine.tester()))).containsExactly(Map.entry(tea, 2));
		// nor may the one see the other's order
		mine.tester().document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", order.get("id"))
			.execute()
			.path("node")
			.valueIsNull();
	}

}
