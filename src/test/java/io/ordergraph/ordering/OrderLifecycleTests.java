package io.ordergraph.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

class OrderLifecycleTests extends OrderingTest {

	private static final String STATUS_INPUT = "ChangeOrderStatusInput";

	private GraphQlTester.Response step(GraphQlTester tester, String mutation, String orderId) {
		if (mutation.equals("rejectOrder")) {
			return change(tester, mutation, "RejectOrderInput", Map.of("id", orderId, "reason", "Kitchen closed"));
		}
		return change(tester, mutation, STATUS_INPUT, Map.of("id", orderId, "note", "by " + mutation));
	}

	@Test
	void anOrderGoesFromPlacedToFulfilledWithItsHistory() {
		Shopper shopper = shopper();
		String product = product(unique("Pizza"), "700", 5);
		String orderId = id(placeOk(shopper.tester(), List.of(line(product, 1))));
		for (String mutation : List.of("acceptOrder", "startPreparingOrder", "markOrderReady", "fulfilOrder")) {
			ok(step(orderManager(), mutation, orderId), mutation);
		}
		Map<String, Object> order = read(shopper.tester(), orderId);
		assertThat(order.get("status")).isEqualTo("FULFILLED");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> history = (List<Map<String, Object>>) order.get("statusHistory");
		assertThat(history).extracting(h -> h.get("status"))
			.containsExactly("PLACED", "ACCEPTED", "PREPARING", "READY", "FULFILLED");
		assertThat(history).extracting(h -> h.get("previousStatus"))
			.containsExactly(null, "PLACED", "ACCEPTED", "PREPARING", "READY");
		assertThat(history.get(0)).containsEntry("actorKind", "CUSTOMER");
		assertThat(history.get(1)).containsEntry("actorKind", "EMPLOYEE").containsEntry("note", "by acceptOrder");
		assertThat(history.get(1).get("actorName")).asString().startsWith("Test staff-");
		assertThat(stockOf(product)).isEqualTo(4); // fulfilling keeps the stock taken
	}

	@Test
	void everyIllegalTransitionIsRefusedNamingTheCurrentStatus() {
		String product = product(unique("Soup"), "100", 100);
		Shopper shopper = shopper();
		List<String> path = List.of("acceptOrder", "startPreparingOrder", "markOrderReady", "fulfilOrder");
		List<String> all = List.of("acceptOrder", "rejectOrder", "startPreparingOrder", "markOrderReady", "fulfilOrder",
				"cancelOrder");
		// reach each status, then try every mutation the machine forbids from there
		Map<String, List<String>> allowed = Map.of("PLACED", List.of("acceptOrder", "rejectOrder", "cancelOrder"),
				"ACCEPTED", List.of("startPreparingOrder", "cancelOrder"), "PREPARING",
				List.of("markOrderReady", "cancelOrder"), "READY", List.of("fulfilOrder", "cancelOrder"), "FULFILLED",
				List.of(), "REJECTED", List.of(), "CANCELLED", List.of());
		List<String> checked = new ArrayList<>();
		for (String status : allowed.keySet()) {
			for (String mutation : all) {
				if (allowed.get(status).contains(mutation)) {
					continue;
				}
				String orderId = id(placeOk(shopper.tester(), List.of(line(product, 1))));
				switch (status) {
					case "REJECTED" -> ok(step(orderManager(), "rejectOrder", orderId), "rejectOrder");
					case "CANCELLED" -> ok(step(orderManager(), "cancelOrder", orderId), "cancelOrder");
					default -> path.subList(0, List.of("PLACED", "ACCEPTED", "PREPARING", "READY", "FULFILLED")
						.indexOf(status)).forEach(m -> ok(step(orderManager(), m, orderId), m));
				}
				GraphQlTester.Response refused = step(orderManager(), mutation, orderId);
				expectUserError(refused, mutation, "INVALID_TRANSITION");
				refused.path(mutation + ".errors[0].message").entity(String.class).satisfies(m -> assertThat(m)
					.contains("is " + status));
				checked.add(status + ":" + mutation);
			}
		}
		assertThat(checked).hasSize(7 * 6 - 9);
	}

	@Test
	void rejectingGivesStockBackExactlyOnce() {
		Shopper shopper = shopper();
		String product = product(unique("Fish"), "400", 10);
		String orderId = id(placeOk(shopper.tester(), List.of(line(product, 4))));
		assertThat(stockOf(product)).isEqualTo(6);
		expectUserError(change(orderManager(), "rejectOrder", "RejectOrderInput", Map.of("id", orderId, "reason", " ")),
				"rejectOrder", "INVALID_INPUT");
		Map<String, Object> rejected = ok(step(orderManager(), "rejectOrder", orderId), "rejectOrder");
		assertThat(rejected.get("status")).isEqualTo("REJECTED");
		assertThat(stockOf(product)).isEqualTo(10);
		expectUserError(step(orderManager(), "rejectOrder", orderId), "rejectOrder", "INVALID_TRANSITION");
		expectUserError(step(orderManager(), "cancelOrder", orderId), "cancelOrder", "INVALID_TRANSITION");
		assertThat(stockOf(product)).isEqualTo(10);
	}

	@Test
	void concurrentRejectAndCancelReturnStockOnce() {
		Shopper shopper = shopper();
		String product = product(unique("Lamb"), "900", 10);
		for (int round = 0; round < 3; round++) {
			String orderId = id(placeOk(shopper.tester(), List.of(line(product, 3))));
			var reject = CompletableFuture.supplyAsync(() -> step(orderManager(), "rejectOrder", orderId));
			var cancelByStaff = CompletableFuture.supplyAsync(() -> step(orderManager(), "cancelOrder", orderId));
			var cancelByCustomer = CompletableFuture.supplyAsync(() -> step(shopper.tester(), "cancelOrder", orderId));
			long succeeded = List.of(reject.join().path("rejectOrder.errors").entityList(Object.class).get(),
					cancelByStaff.join().path("cancelOrder.errors").entityList(Object.class).get(),
					cancelByCustomer.join().path("cancelOrder.errors").entityList(Object.class).get())
				.stream()
				.filter(List::isEmpty)
				.count();
			assertThat(succeeded).isEqualTo(1);
			assertThat(stockOf(product)).isEqualTo(10);
		}
	}

	@Test
	void aCustomerCancelsOnlyWhilePlacedAndNeverMovesTheOrderOtherwise() {
		Shopper shopper = shopper();
		String product = product(unique("Wrap"), "300", 10);
		String first = id(placeOk(shopper.tester(), List.of(line(product, 2))));
		Map<String, Object> cancelled = ok(step(shopper.tester(), "cancelOrder", first), "cancelOrder");
		assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
		assertThat(stockOf(product)).isEqualTo(10);

		String second = id(placeOk(shopper.tester(), List.of(line(product, 2))));
		expectError(step(shopper.tester(), "acceptOrder", second), ErrorType.FORBIDDEN);
		ok(step(orderManager(), "acceptOrder", second), "acceptOrder");
		GraphQlTester.Response late = step(shopper.tester(), "cancelOrder", second);
		expectUserError(late, "cancelOrder", "INVALID_TRANSITION");
		late.path("cancelOrder.errors[0].message").entity(String.class).satisfies(m -> assertThat(m)
			.matches("Order OG-\\d+ is ACCEPTED: customers can cancel an order only while it is PLACED\\."));
		// staff may cancel until fulfilled
		ok(step(orderManager(), "startPreparingOrder", second), "startPreparingOrder");
		ok(step(orderManager(), "markOrderReady", second), "markOrderReady");
		ok(step(orderManager(), "cancelOrder", second), "cancelOrder");
		assertThat(stockOf(product)).isEqualTo(10);
	}

	@Test
	void strangersCannotTouchAnOrder() {
		Shopper owner = shopper();
		String product = product(unique("Tart"), "90", 10);
		String orderId = id(placeOk(owner.tester(), List.of(line(product, 1))));
		expectError(step(shopper().tester(), "cancelOrder", orderId), ErrorType.NOT_FOUND);
		expectError(step(anonymous(), "cancelOrder", orderId), ErrorType.UNAUTHORIZED);
		expectError(step(staff(Permission.MANAGE_PRODUCTS), "acceptOrder", orderId), ErrorType.NOT_FOUND);
		expectError(step(orderManager(), "acceptOrder", "nope!"), ErrorType.BAD_REQUEST);
		expectError(step(orderManager(), "acceptOrder", io.ordergraph.platform.graphql.GlobalId.encode("Order",
				java.util.UUID.randomUUID())), ErrorType.NOT_FOUND);
		assertThat(read(owner.tester(), orderId).get("status")).isEqualTo("PLACED");
	}

	@Test
	void linesChangeWhilePlacedWithStockFollowing() {
		Shopper shopper = shopper();
		String tea = product(unique("Tea"), "100", 10);
		String scone = product(unique("Scone"), "50", 3);
		Map<String, Object> order = placeOk(shopper.tester(), List.of(line(tea, 2)));
		String orderId = id(order);

		Map<String, Object> added = ok(change(shopper.tester(), "addOrderLine", "AddOrderLineInput",
				Map.of("orderId", orderId, "productId", scone, "quantity", 2)), "addOrderLine");
		assertThat(lines(added)).hasSize(2);
		assertThat(amount(added, "subtotal")).isEqualByComparingTo("300");
		assertThat(stockOf(scone)).isEqualTo(1);
		expectUserError(change(shopper.tester(), "addOrderLine", "AddOrderLineInput",
				Map.of("orderId", orderId, "productId", scone, "quantity", 2)), "addOrderLine", "OUT_OF_STOCK");

		String teaLine = (String) lines(added).get(0).get("id");
		Map<String, Object> more = ok(change(orderManager(), "setOrderLineQuantity", "SetOrderLineQuantityInput",
				Map.of("lineId", teaLine, "quantity", 5)), "setOrderLineQuantity");
		assertThat(stockOf(tea)).isEqualTo(5);
		ok(change(shopper.tester(), "setOrderLineQuantity", "SetOrderLineQuantityInput",
				Map.of("lineId", teaLine, "quantity", 1)), "setOrderLineQuantity");
		assertThat(stockOf(tea)).isEqualTo(9);
		expectUserError(change(shopper.tester(), "setOrderLineQuantity", "SetOrderLineQuantityInput",
				Map.of("lineId", teaLine, "quantity", 0)), "setOrderLineQuantity", "INVALID_INPUT");

		String sconeLine = (String) lines(more).get(1).get("id");
		Map<String, Object> removed = ok(change(shopper.tester(), "removeOrderLine", "RemoveOrderLineInput",
				Map.of("lineId", sconeLine)), "removeOrderLine");
		assertThat(lines(removed)).hasSize(1);
		assertThat(stockOf(scone)).isEqualTo(3);
		expectUserError(change(shopper.tester(), "removeOrderLine", "RemoveOrderLineInput", Map.of("lineId", teaLine)),
				"removeOrderLine", "ORDER_WOULD_BE_EMPTY");
		expectError(change(shopper().tester(), "removeOrderLine", "RemoveOrderLineInput", Map.of("lineId", teaLine)),
				ErrorType.NOT_FOUND);

		ok(step(orderManager(), "acceptOrder", orderId), "acceptOrder");
		expectUserError(change(shopper.tester(), "addOrderLine", "AddOrderLineInput",
				Map.of("orderId", orderId, "productId", tea, "quantity", 1)), "addOrderLine", "INVALID_TRANSITION");
		Map<String, Object> finalOrder = read(shopper.tester(), orderId);
		assertThat(amount(finalOrder, "subtotal")).isEqualByComparingTo("100");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> history = (List<Map<String, Object>>) finalOrder.get("statusHistory");
		assertThat(history).extracting(h -> h.get("note")).anySatisfy(n -> assertThat(n).asString().startsWith("Added 2"));
	}

	@Test
	void moreOfAProductIsSoldAtTodaysPriceAndOnlyWhileOnSale() {
		Shopper shopper = shopper();
		String tea = product(unique("Tea"), "10", 100);
		Map<String, Object> order = placeOk(shopper.tester(), List.of(line(tea, 1)));
		productMutation("updateProduct", "UpdateProductInput",
				Map.of("id", tea, "price", Map.of("amount", "100", "currency", "KES")));
		Map<String, Object> more = ok(change(shopper.tester(), "addOrderLine", "AddOrderLineInput",
				Map.of("orderId", id(order), "productId", tea, "quantity", 2)), "addOrderLine");
		assertThat(lines(more)).extracting(l -> l.get("quantity")).containsExactly(1, 2);
		assertThat(amount(more, "subtotal")).isEqualByComparingTo("210");

		productMutation("setProductVisibility", "SetProductVisibilityInput", Map.of("id", tea, "visible", false));
		String firstLine = (String) lines(more).get(0).get("id");
		expectUserError(change(shopper.tester(), "setOrderLineQuantity", "SetOrderLineQuantityInput",
				Map.of("lineId", firstLine, "quantity", 5)), "setOrderLineQuantity", "PRODUCT_UNAVAILABLE");
		ok(change(shopper.tester(), "setOrderLineQuantity", "SetOrderLineQuantityInput",
				Map.of("lineId", (String) lines(more).get(1).get("id"), "quantity", 1)), "setOrderLineQuantity");
		assertThat(stockOf(tea)).isEqualTo(98);
	}

	@Test
	void finishedOrdersCanBeArchivedAndLeaveTheWorkingLists() {
		Shopper shopper = shopper();
		String product = product(unique("Pie"), "100", 10);
		String orderId = id(placeOk(shopper.tester(), List.of(line(product, 1))));
		Map<String, Object> input = Map.of("id", orderId);
		expectUserError(change(orderManager(), "archiveOrder", "ArchiveOrderInput", input), "archiveOrder",
				"ORDER_STILL_OPEN");
		expectError(change(shopper.tester(), "archiveOrder", "ArchiveOrderInput", input), ErrorType.FORBIDDEN);
		ok(step(orderManager(), "cancelOrder", orderId), "cancelOrder");
		Map<String, Object> archived = ok(change(orderManager(), "archiveOrder", "ArchiveOrderInput", input),
				"archiveOrder");
		assertThat(archived.get("archived")).isEqualTo(true);
		String list = "query($f: OrderFilter) { orders(filter: $f) { totalCount edges { node { id } } } }";
		shopper.tester().document(list).execute().path("orders.totalCount").entity(Integer.class).isEqualTo(0);
		shopper.tester()
			.document(list)
			.variable("f", Map.of("includeArchived", true))
			.execute()
			.path("orders.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(orderId);
		assertThat(read(shopper.tester(), orderId).get("statusHistory")).asList().hasSize(2);
	}

}
