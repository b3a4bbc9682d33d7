package io.ordergraph.cart;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.graphql.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/** A shopper keeping a cart: who may, adding, changing, removing, the limits, and what a refused change leaves. */
class CartTests extends CartTestSupport {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	CartService carts;

	@Test
	void anonymousCallersAreUnauthorizedAndCallersWithoutRoleCustomerForbidden() {
		String product = product("Guarded", "1.00", "KES", 5);
		Map<String, Object[]> mutations = Map.of(
				"addToCart", new Object[] { "AddToCartInput", Map.of("productId", product, "quantity", 1) },
				"setCartLineQuantity", new Object[] { "SetCartLineQuantityInput", Map.of("productId", product, "quantity", 1) },
				"removeFromCart", new Object[] { "RemoveFromCartInput", Map.of("productId", product) },
				"clearCart", new Object[] { "ClearCartInput", Map.of("confirm", true) });
		mutations.forEach((mutation, args) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> input = (Map<String, Object>) args[1];
			expectError(cartMutation(anonymous(), mutation, (String) args[0], input), ErrorType.UNAUTHORIZED);
			expectError(cartMutation(staff(), mutation, (String) args[0], input), ErrorType.FORBIDDEN);
			expectError(cartMutation(manager(), mutation, (String) args[0], input), ErrorType.FORBIDDEN);
		});
		expectError(anonymous().document(MY_CART).execute(), ErrorType.UNAUTHORIZED);
		expectError(staff().document(MY_CART).execute(), ErrorType.FORBIDDEN);
		// who asks is checked before what is asked
		expectError(add(anonymous(), "not-an-id", 1), ErrorType.UNAUTHORIZED);
	}

	@Test
	void unregisteredCustomersHaveNoCartAndCannotFillOne() {
		HttpGraphQlTester unregistered = customer();
		String product = product("Tea", "1.00", "KES", 5);
		unregistered.document(MY_CART).execute().path("myCart").valueIsNull();
		expectUserErrors(add(unregistered, product, 1), "addToCart", "CUSTOMER_NOT_REGISTERED");
		expectUserErrors(set(unregistered, product, 1), "setCartLineQuantity", "CUSTOMER_NOT_REGISTERED");
		expectUserErrors(remove(unregistered, product), "removeFromCart", "CUSTOMER_NOT_REGISTERED");
		expectUserErrors(clear(unregistered, true), "clearCart", "CUSTOMER_NOT_REGISTERED");
	}

	@Test
	void aNewCustomerHasAnEmptyCart() {
		Shopper shopper = shopper();
		Map<String, Object> cart = cart(shopper.tester());
		assertThat(cart.get("id")).isNotNull();
		assertThat(cart.get("lines")).asList().isEmpty();
		assertThat(cart.get("total")).isNull();
		assertThat(cart.get("itemCount")).isEqualTo(0);
		assertThat(cart.get("updatedAt")).isNull();
	}

	@Test
	void customersAddOneOrMoreUnitsAndSeeAmountsAndTheTotal() {
		Shopper shopper = shopper();
		String tea = product("Tea", "12.50", "KES", 10);
		String cake = product("Cake", "3", "KES", 5);
		// quantity defaults to 1
		shopper.tester()
			.document("mutation($id: ID!) { addToCart(input: { productId: $id }) { cart { itemCount } errors { code } } }")
			.variable("id", tea)
			.execute()
			.path("addToCart.cart.itemCount")
			.entity(Integer.class)
			.isEqualTo(1);
		GraphQlTester.Response response = add(shopper.tester(), cake, 3);
		response.path("addToCart.errors").entityList(Object.class).hasSize(0);
		Map<String, Object> answered = response.path("addToCart.cart").entity(MAP).get();

		Map<String, Object> cart = cart(shopper.tester());
		assertThat(cart).isEqualTo(answered);
		assertThat(quantities(cart)).containsExactly(Map.entry(tea, 1), Map.entry(cake, 3));
		List<Map<String, Object>> lines = lines(cart);
		assertThat(amount(lines.get(0), "unitPrice")).isEqualByComparingTo("12.50");
		assertThat(amount(lines.get(0), "amount")).isEqualByComparingTo("12.50");
		assertThat(amount(lines.get(1), "unitPrice")).isEqualByComparingTo("3.00");
		assertThat(amount(lines.get(1), "amount")).isEqualByComparingTo("9.00");
		assertThat(amount(cart, "total")).isEqualByComparingTo("21.50");
		assertThat(((Map<?, ?>) cart.get("total")).get("currency")).isEqualTo("KES");
		assertThat(cart.get("itemCount")).isEqualTo(4);
		assertThat(cart.get("updatedAt")).isNotNull();
		assertThat(lines.get(0).get("productName")).isEqualTo(((Map<?, ?>) lines.get(0).get("product")).get("name"));
		assertThat(lines).allSatisfy(line -> assertThat(line.get("available")).isEqualTo(true));
	}

	@Test
	void addingAProductAlreadyInTheCartRaisesItsLine() {
		Shopper shopper = shopper();
		String tea = product("Tea", "2.00", "KES", 10);
		added(shopper.tester(), tea, 2);
		added(shopper.tester(), tea, 3);
		Map<String, Object> cart = cart(shopper.tester());
		assertThat(quantities(cart)).containsExactly(Map.entry(tea, 5));
		assertThat(amount(cart, "total")).isEqualByComparingTo("10.00");
	}

	@Test
	void setCartLineQuantitySetsOrAddsButNeverToZero() {
		Shopper shopper = shopper();
		String tea = product("Tea", "2.00", "KES", 10);
		String cake = product("Cake", "1.00", "KES", 10);
		added(shopper.tester(), tea, 2);
		set(shopper.tester(), tea, 7).path("setCartLineQuantity.cart.itemCount").entity(Integer.class).isEqualTo(7);
		set(shopper.tester(), tea, 1).path("setCartLineQuantity.errors").entityList(Object.class).hasSize(0);
		// a product not yet in the cart is added
		set(shopper.tester(), cake, 2).path("setCartLineQuantity.errors").entityList(Object.class).hasSize(0);
		Map<String, Object> before = cart(shopper.tester());
		assertThat(quantities(before)).containsExactly(Map.entry(tea, 1), Map.entry(cake, 2));
		for (int quantity : new int[] { 0, -1, 10_001 }) {
			GraphQlTester.Response response = set(shopper.tester(), tea, quantity);
			expectUserErrors(response, "setCartLineQuantity", "INVALID_INPUT");
			response.path("setCartLineQuantity.errors[0].field").entityList(String.class).containsExactly("input", "quantity");
		}
		assertThat(cart(shopper.tester())).isEqualTo(before);
	}

	@Test
	void removeFromCartTakesTheProductOut() {
		Shopper shopper = shopper();
		String tea = product("Tea", "2.00", "KES", 10);
		String cake = product("Cake", "1.00", "KES", 10);
		added(shopper.tester(), tea, 2);
		added(shopper.tester(), cake, 1);
		remove(shopper.tester(), tea).path("removeFromCart.cart.itemCount").entity(Integer.class).isEqualTo(1);
		// removing what is not in the cart is no error
		remove(shopper.tester(), tea).path("removeFromCart.errors").entityList(Object.class).hasSize(0);
		assertThat(quantities(cart(shopper.tester()))).containsExactly(Map.entry(cake, 1));
	}

	@Test
	void clearCartEmptiesTheCartOnlyWhenConfirmed() {
		Shopper shopper = shopper();
		String tea = product("Tea", "2.00", "KES", 10);
		added(shopper.tester(), tea, 2);
		Map<String, Object> before = cart(shopper.tester());
		expectUserErrors(clear(shopper.tester(), false), "clearCart", "INVALID_INPUT");
		assertThat(cart(shopper.tester())).isEqualTo(before);
		GraphQlTester.Response cleared = clear(shopper.tester(), true);
		cleared.path("clearCart.cart.lines").entityList(Object.class).hasSize(0);
		cleared.path("clearCart.cart.total").valueIsNull();
		cleared.path("clearCart.cart.itemCount").entity(Integer.class).isEqualTo(0);
		assertThat(cart(shopper.tester()).get("lines")).asList().isEmpty();
	}

	@Test
	void moreThanTheStockLeftIsRefusedAndChangesNothing() {
		Shopper shopper = shopper();
		String tea = product("Tea", "2.00", "KES", 3);
		expectUserErrors(add(shopper.tester(), tea, 4), "addToCart", "OUT_OF_STOCK");
		// not even the cart row is left behind
		assertThat(cart(shopper.tester()).get("updatedAt")).isNull();
		added(shopper.tester(), tea, 2);
		Map<String, Object> before = cart(shopper.tester());
		GraphQlTester.Response tooMany = add(shopper.tester(), tea, 2);
		expectUserErrors(tooMany, "addToCart", "OUT_OF_STOCK");
		tooMany.path("addToCart.errors[0].field").entityList(String.class).containsExactly("input", "quantity");
		expectUserErrors(set(shopper.tester(), tea, 4), "setCartLineQuantity", "OUT_OF_STOCK");
		assertThat(cart(shopper.tester())).isEqualTo(before);
		set(shopper.tester(), tea, 3).path("setCartLineQuantity.errors").entityList(Object.class).hasSize(0);

		// stock taken since: the line shows it, and lowering the quantity is still allowed
		adjustStock(tea, -2);
		assertThat(lines(cart(shopper.tester())).get(0).get("available")).isEqualTo(false);
		set(shopper.tester(), tea, 2).path("setCartLineQuantity.cart.lines[0].available")
			.entity(Boolean.class)
			.isEqualTo(false);
		set(shopper.tester(), tea, 1).path("setCartLineQuantity.cart.lines[0].available")
			.entity(Boolean.class)
			.isEqualTo(true);
		assertThat(stockOf(tea)).isEqualTo(1);
	}

	@Test
	void hiddenArchivedAndUnknownProductsAreUnavailable() {
		Shopper shopper = shopper();
		String hidden = product("Hidden", "1.00", "KES", 5);
		hide(hidden);
		String archived = product("Archived", "1.00", "KES", 5);
		archive(archived);
		String unknown = GlobalId.encode("Product", UUID.randomUUID());
		for (String product : List.of(hidden, archived, unknown)) {
			GraphQlTester.Response response = add(shopper.tester(), product, 1);
			expectUserErrors(response, "addToCart", "PRODUCT_UNAVAILABLE");
			response.path("addToCart.errors[0].field").entityList(String.class).containsExactly("input", "productId");
			expectUserErrors(set(shopper.tester(), product, 1), "setCartLineQuantity", "PRODUCT_UNAVAILABLE");
		}
		assertThat(cart(shopper.tester()).get("lines")).asList().isEmpty();
	}

	@Test
	void aProductHiddenAfterItWasAddedStaysInTheCartByItsId() {
		Shopper shopper = shopper();
		String tea = product("Tea", "1.00", "KES", 5);
		added(shopper.tester(), tea, 2);
		hide(tea);
		Map<String, Object> line = lines(cart(shopper.tester())).get(0);
		assertThat(line.get("product")).isNull();
		assertThat(line).containsEntry("productId", tea).containsEntry("available", false);
		assertThat((String) line.get("productName")).startsWith("Tea ");
		expectUserErrors(add(shopper.tester(), tea, 1), "addToCart", "PRODUCT_UNAVAILABLE");
		remove(shopper.tester(), tea).path("removeFromCart.cart.lines").entityList(Object.class).hasSize(0);
	}

	@Test
	void malformedIdsAreBadRequestsAndIdsOfOtherTypesNotFound() {
		Shopper shopper = shopper();
		expectError(add(shopper.tester(), "not-an-id", 1), ErrorType.BAD_REQUEST);
		expectError(set(shopper.tester(), "%%%", 1), ErrorType.BAD_REQUEST);
		expectError(remove(shopper.tester(), "not-an-id"), ErrorType.BAD_REQUEST);
		expectError(add(shopper.tester(), shopper.customerId(), 1), ErrorType.NOT_FOUND);
	}

	@Test
	void aCartHoldsOneCurrency() {
		Shopper shopper = shopper();
		String shilling = product("Tea", "1.00", "KES", 5);
		String euro = product("Cake", "1.00", "EUR", 5);
		added(shopper.tester(), shilling, 1);
		GraphQlTester.Response mixed = add(shopper.tester(), euro, 1);
		expectUserErrors(mixed, "addToCart", "MIXED_CURRENCY");
		mixed.path("addToCart.errors[0].field").entityList(String.class).containsExactly("input", "productId");
		expectUserErrors(set(shopper.tester(), euro, 1), "setCartLineQuantity", "MIXED_CURRENCY");
		remove(shopper.tester(), shilling);
		added(shopper.tester(), euro, 1);
		assertThat(((Map<?, ?>) cart(shopper.tester()).get("total")).get("currency")).isEqualTo("EUR");
	}

	@Test
	void cartsShowTodaysPrices() {
		Shopper shopper = shopper();
		String tea = product("Tea", "10.00", "KES", 5);
		added(shopper.tester(), tea, 2);
		reprice(tea, "12", "KES");
		Map<String, Object> cart = cart(shopper.tester());
		assertThat(amount(lines(cart).get(0), "unitPrice")).isEqualByComparingTo("12.00");
		assertThat(amount(lines(cart).get(0), "amount")).isEqualByComparingTo("24.00");
		assertThat(amount(cart, "total")).isEqualByComparingTo("24.00");
		// repriced into another currency: the lines still show, the total has no single currency
		String cake = product("Cake", "1.00", "KES", 5);
		added(shopper.tester(), cake, 1);
		reprice(cake, "1.00", "EUR");
		assertThat(cart(shopper.tester()).get("total")).isNull();
	}

	@Test
	void quantitiesAreBounded() {
		Shopper shopper = shopper();
		String tea = product("Tea", "1.00", "KES", 20_000);
		for (int quantity : new int[] { 0, -3, 10_001 }) {
			expectUserErrors(add(shopper.tester(), tea, quantity), "addToCart", "INVALID_INPUT");
		}
		added(shopper.tester(), tea, 10_000);
		expectUserErrors(add(shopper.tester(), tea, 1), "addToCart", "INVALID_INPUT");
		assertThat(quantities(cart(shopper.tester()))).containsExactly(Map.entry(tea, 10_000));
	}

	@Test
	void aCartHoldsAtMostAHundredProducts() {
		Shopper shopper = shopper();
		// 20 aliased mutations per request (the alias limit is 30), else this test is mostly HTTP round trips
		for (int batch = 0; batch < 5; batch++) {
			StringBuilder create = new StringBuilder("mutation {");
			for (int i = 0; i < 20; i++) {
				create.append(" p").append(i).append(": createProduct(input: { name: \"").append(unique("Many"))
					.append("\", price: { amount: \"1\", currency: \"KES\" }, stock: 1 }) { product { id } }");
			}
			List<String> ids = productManager().document(create.append(" }").toString())
				.execute()
				.path("$.data.*.product.id")
				.entityList(String.class)
				.hasSize(20)
				.get();
			StringBuilder add = new StringBuilder("mutation {");
			for (int i = 0; i < ids.size(); i++) {
				add.append(" a").append(i).append(": addToCart(input: { productId: \"").append(ids.get(i))
					.append("\" }) { errors { code } }");
			}
			shopper.tester().document(add.append(" }").toString()).execute().path("$.data.*.errors[*].code").entityList(String.class).hasSize(0);
		}
		assertThat(cart(shopper.tester()).get("itemCount")).isEqualTo(100);
		String oneTooMany = product("Many", "1.00", "KES", 1);
		GraphQlTester.Response response = add(shopper.tester(), oneTooMany, 1);
		expectUserErrors(response, "addToCart", "INVALID_INPUT");
		response.path("addToCart.errors[0].field").entityList(String.class).containsExactly("input", "productId");
		assertThat(cart(shopper.tester()).get("itemCount")).isEqualTo(100);
	}

	@Test
	void cartsArePrivate() {
		Shopper mine = shopper();
		Shopper other = shopper();
		String tea = product("Tea", "1.00", "KES", 5);
		added(mine.tester(), tea, 2);
		added(other.tester(), tea, 1);
		remove(other.tester(), tea);
		Map<String, Object> myCart = cart(mine.tester());
		assertThat(quantities(myCart)).containsExactly(Map.entry(tea, 2));
		assertThat(cart(other.tester()).get("lines")).asList().isEmpty();
		assertThat(cart(other.tester()).get("id")).isNotEqualTo(myCart.get("id"));

		String node = "query($id: ID!) { node(id: $id) { id ... on Cart { itemCount } } }";
		mine.tester().document(node).variable("id", myCart.get("id")).execute().path("node.itemCount")
			.entity(Integer.class).isEqualTo(2);
		for (HttpGraphQlTester stranger : List.of(other.tester(), anonymous(), manager())) {
			stranger.document(node).variable("id", myCart.get("id")).execute().path("node").valueIsNull();
		}
	}

	@Test
	void theCartServiceTakesOutWhatWasOrderedAndClears() {
		Shopper shopper = shopper();
		UUID customerId = GlobalId.decode(shopper.customerId()).id();
		String tea = product("Tea", "1.00", "KES", 10);
		String cake = product("Cake", "1.00", "KES", 10);
		added(shopper.tester(), tea, 5);
		added(shopper.tester(), cake, 1);
		UUID teaId = GlobalId.decode(tea).id();
		UUID cakeId = GlobalId.decode(cake).id();
		assertThat(carts.linesOf(customerId)).containsExactly(new CartItem(teaId, 5), new CartItem(cakeId, 1));

		carts.remove(customerId, List.of(new CartItem(teaId, 2), new CartItem(cakeId, 3), new CartItem(UUID.randomUUID(), 1)));
		assertThat(carts.linesOf(customerId)).containsExactly(new CartItem(teaId, 3));
		carts.clear(customerId);
		assertThat(carts.linesOf(customerId)).isEmpty();
		assertThat(carts.linesOf(UUID.randomUUID())).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> lines(Map<String, Object> cart) {
		return (List<Map<String, Object>>) cart.get("lines");
	}

}
