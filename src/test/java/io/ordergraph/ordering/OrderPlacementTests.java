package io.ordergraph.ordering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPlacementTests extends OrderingTest {

	@Test
	void placingAnOrderTakesStockAndKeepsNamesAndPrices() {
		Shopper shopper = shopper();
		String tea = product(unique("Tea"), "120.00", 10);
		String cake = product(unique("Cake"), "250.50", 4);
		Map<String, Object> order = ok(place(shopper.tester(),
				Map.of("lines", List.of(line(tea, 2), line(cake, 1), line(tea, 1)), "note", "No sugar")), "placeOrder");

		assertThat(order.get("status")).isEqualTo("PLACED");
		assertThat((String) order.get("number")).matches("OG-\\d{6}");
		assertThat(order.get("placedBy")).isEqualTo("CUSTOMER");
		assertThat(lines(order)).hasSize(2); // tea lines merged
		assertThat(lines(order).get(0)).containsEntry("quantity", 3);
		assertThat(amount(order, "subtotal")).isEqualByComparingTo("610.50");
		assertThat(amount(order, "tax")).isEqualByComparingTo("97.68"); // 16 %
		assertThat(amount(order, "total")).isEqualByComparingTo("708.18");
		assertThat(stockOf(tea)).isEqualTo(7);
		assertThat(stockOf(cake)).isEqualTo(3);

		// a later price change does not touch the order
		productManager()
			.document("mutation($input: UpdateProductInput!) { updateProduct(input: $input) { errors { code } } }")
			.variable("input", Map.of("id", tea, "name", "Renamed tea", "price", Map.of("amount", "999", "currency", "KES")))
			.execute()
			.path("updateProduct.errors")
			.entityList(Object.class)
			.hasSize(0);
		Map<String, Object> reread = read(shopper.tester(), id(order));
		assertThat(lines(reread).get(0)).containsEntry("productName", ((Map<?, ?>) lines(order).get(0)).get("productName"));
		assertThat(amount(reread, "subtotal")).isEqualByComparingTo("610.50");
		assertThat(reread.get("statusHistory")).asList().hasSize(1);
	}

	@Test
	void staffOrderForAnOfflineShopper() {
		String product = product(unique("Bread"), "80", 5);
		HttpGraphQlTester till = orderManager();
		String customerId = till
			.document("mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } errors { code } } }")
			.variable("input", Map.of("name", unique("Walk-in"), "phone", "+254722000111"))
			.execute()
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get();
		Map<String, Object> order = ok(place(till, Map.of("customerId", customerId, "lines", List.of(line(product, 2)))),
				"placeOrder");
		assertThat(order.get("placedBy")).isEqualTo("EMPLOYEE");
		assertThat(((Map<?, ?>) order.get("customer")).get("id")).isEqualTo(customerId);
		// staff must say for whom
		expectUserError(place(till, Map.of("lines", List.of(line(product, 1)))), "placeOrder", "INVALID_INPUT");
		expectUserError(place(till, Map.of("customerId", GlobalId.encode("Customer", java.util.UUID.randomUUID()),
				"lines", List.of(line(product, 1)))), "placeOrder", "CUSTOMER_NOT_FOUND");
		assertThat(stockOf(product)).isEqualTo(3);
	}

	@Test
	void onlyCustomersAndOrderStaffMayPlaceOrders() {
		String product = product(unique("Jam"), "50", 5);
		Map<String, Object> input = Map.of("lines", List.of(line(product, 1)));
		expectError(place(anonymous(), input), ErrorType.UNAUTHORIZED);
		expectError(place(staff(Permission.MANAGE_PRODUCTS), input), ErrorType.FORBIDDEN);
		expectUserError(place(customer(), input), "placeOrder", "CUSTOMER_NOT_REGISTERED");
		Shopper one = shopper();
		Shopper other = shopper();
		expectError(place(one.tester(), Map.of("customerId", other.customerId(), "lines", List.of(line(product, 1)))),
				ErrorType.FORBIDDEN);
		assertThat(stockOf(product)).isEqualTo(5);
	}

	@Test
	void badInputIsRefusedWithTypedErrorsAndChangesNothing() {
		Shopper shopper = shopper();
		String kes = product(unique("Milk"), "60", 3);
		String eur = product(unique("Wine"), "12.00", "EUR", 3, true);
		String hidden = product(unique("Secret"), "10", 3, "KES", false);
		expectUserError(place(shopper.tester(), Map.of("lines", List.of())), "placeOrder", "INVALID_INPUT");
		expectUserError(place(shopper.tester(), Map.of("lines", List.of(line(kes, 0)))), "placeOrder", "INVALID_INPUT");
		expectUserError(place(shopper.tester(), Map.of("lines", List.of(line(kes, 6000), line(kes, 6000)))),
				"placeOrder", "INVALID_INPUT");
		expectUserError(place(shopper.tester(), Map.of("lines", List.of(line(kes, 1), line(eur, 1)))), "placeOrder",
				"MIXED_CURRENCY");
		GraphQlTester.Response unavailable = place(shopper.tester(), Map.of("lines", List.of(line(hidden, 1))));
		expectUserError(unavailable, "placeOrder", "PRODUCT_UNAVAILABLE");
		// named by its id: a hidden product's name is not the customer's to see
		unavailable.path("placeOrder.errors[0].message").entity(String.class)
			.isEqualTo("The product " + hidden + " is not on sale (it is hidden, archived or unknown).");
		expectUserError(place(shopper.tester(), Map.of("lines",
				List.of(line(GlobalId.encode("Product", java.util.UUID.randomUUID()), 1)))), "placeOrder",
				"PRODUCT_UNAVAILABLE");
		GraphQlTester.Response tooMany = place(shopper.tester(), Map.of("lines", List.of(line(eur, 1), line(kes, 1))));
		tooMany.path("placeOrder.errors[0].code").entity(String.class).isEqualTo("MIXED_CURRENCY");
		GraphQlTester.Response outOfStock = place(shopper.tester(), Map.of("lines", List.of(line(kes, 2), line(eur, 0))));
		outOfStock.path("placeOrder.errors[0].field").entityList(String.class).containsExactly("input", "lines", "1", "quantity");
		expectUserError(place(shopper.tester(), Map.of("lines", List.of(line(kes, 4)))), "placeOrder", "OUT_OF_STOCK");
		expectError(place(shopper.tester(), Map.of("lines", List.of(line("garbage!", 1)))), ErrorType.BAD_REQUEST);
		assertThat(stockOf(kes)).isEqualTo(3);
		assertThat(stockOf(eur)).isEqualTo(3);
		shopper.tester().document("{ orders { totalCount } }").execute().path("orders.totalCount").entity(Integer.class).isEqualTo(0);
	}

	String product(String name, String price, int stock, String currency, boolean visible) {
		return product(name, price, currency, stock, visible);
	}

	@Test
	void anOrderThatStockCannotCoverTakesNothing() {
		Shopper shopper = shopper();
		String plenty = product(unique("Rice"), "100", 50);
		String scarce = product(unique("Saffron"), "900", 1);
		GraphQlTester.Response response = place(shopper.tester(),
				Map.of("lines", List.of(line(plenty, 10), line(scarce, 2))));
		expectUserError(response, "placeOrder", "OUT_OF_STOCK");
		response.path("placeOrder.errors[0].field").entityList(String.class).containsExactly("input", "lines", "1", "quantity");
		assertThat(stockOf(plenty)).isEqualTo(50);
		assertThat(stockOf(scarce)).isEqualTo(1);
	}

	@Test
	void theSameIdempotencyKeyReturnsTheFirstOrder() {
		Shopper shopper = shopper();
		String product = product(unique("Soap"), "30", 10);
		Map<String, Object> input = new HashMap<>(Map.of("lines", List.of(line(product, 2)), "idempotencyKey", "k-1"));
		Map<String, Object> first = ok(place(shopper.tester(), input), "placeOrder");
		Map<String, Object> retry = ok(place(shopper.tester(), input), "placeOrder");
		assertThat(retry.get("id")).isEqualTo(first.get("id"));
		assertThat(stockOf(product)).isEqualTo(8);
		input.put("lines", List.of(line(product, 3)));
		expectUserError(place(shopper.tester(), input), "placeOrder", "IDEMPOTENCY_KEY_REUSED");
		// keys belong to their caller
		Shopper other = shopper();
		Map<String, Object> theirs = ok(place(other.tester(), Map.of("lines", List.of(line(product, 2)),
				"idempotencyKey", "k-1")), "placeOrder");
		assertThat(theirs.get("id")).isNotEqualTo(first.get("id"));
		assertThat(stockOf(product)).isEqualTo(6);
	}

	@Test
	void concurrentRetriesWithOneKeyPlaceOneOrder() throws Exception {
		Shopper shopper = shopper();
		String product = product(unique("Candle"), "15", 100);
		Map<String, Object> input = Map.of("lines", List.of(line(product, 1)), "idempotencyKey", "race");
		List<Object> ids = run(8, () -> place(shopper.tester(), input).path("placeOrder.order.id").entity(String.class).get());
		assertThat(ids).hasSize(8).containsOnly(ids.get(0));
		assertThat(stockOf(product)).isEqualTo(99);
	}

	@Test
	void concurrentOrdersNeverTakeMoreThanTheStock() throws Exception {
		String product = product(unique("Limited"), "500", 5);
		List<Shopper> shoppers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			shoppers.add(shopper());
		}
		List<Object> outcomes = run(20, new Callable<>() {
			int next;

			@Override
			public Object call() {
				Shopper shopper;
				synchronized (this) {
					shopper = shoppers.get(next++ % shoppers.size());
				}
				GraphQlTester.Response response = place(shopper.tester(), Map.of("lines", List.of(line(product, 1))));
				List<String> codes = response.path("placeOrder.errors[*].code").entityList(String.class).get();
				return codes.isEmpty() ? "PLACED" : String.join(",", codes);
			}
		});
		assertThat(outcomes.stream().filter("PLACED"::equals).count()).isEqualTo(5);
		assertThat(outcomes.stream().filter("OUT_OF_STOCK"::equals).count()).isEqualTo(15);
		assertThat(stockOf(product)).isZero();
	}

	private static List<Object> run(int times, Callable<Object> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(times);
		try {
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < times; i++) {
				futures.add(pool.submit(task));
			}
			List<Object> results = new ArrayList<>();
			for (Future<Object> future : futures) {
				results.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
