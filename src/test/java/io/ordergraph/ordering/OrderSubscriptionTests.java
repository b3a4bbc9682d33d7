package io.ordergraph.ordering;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import io.ordergraph.SqlStatementCounter;
import io.ordergraph.platform.events.EventCursor;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

class OrderSubscriptionTests extends OrderingTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// language=GraphQL
	private static final String STATUS = """
			subscription($orderId: ID!, $after: String) {
			  orderStatusChanged(orderId: $orderId, after: $after) {
			    cursor type status previousStatus note orderNumber occurredAt order { id status }
			  }
			}""";

	// language=GraphQL
	private static final String ALL = """
			subscription($after: String) {
			  orderEvents(after: $after) { cursor type status orderNumber order { id customer { name } } }
			}""";

	private String latestCursor(String token) {
		return withToken(token).document("{ latestEventCursor }")
			.execute()
			.path("latestEventCursor")
			.entity(String.class)
			.get();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Flux<Map<String, Object>> subscribe(String token, String document, String field, Map<String, Object> vars) {
		GraphQlTester.Request<?> request = webSocket(token).document(document);
		vars.forEach(request::variable);
		return (Flux) request.executeSubscription().toFlux(field, Map.class);
	}

	private void accept(String orderId, String mutation) {
		ok(change(orderManager(), mutation, "ChangeOrderStatusInput", Map.of("id", orderId, "note", mutation)),
				mutation);
	}

	@Test
	void theCustomerFollowsTheirOrderLiveAndResumesWithoutGapOrDuplicate() {
		Shopper shopper = shopper();
		String product = product(unique("Burger"), "600", 10);
		String start = latestCursor(shopper.token());
		String orderId = id(placeOk(shopper.tester(), List.of(line(product, 1))));
		String[] acceptedCursor = new String[1];

		StepVerifier.create(subscribe(shopper.token(), STATUS, "orderStatusChanged",
				Map.of("orderId", orderId, "after", start)))
			.assertNext(e -> assertThat(e).containsEntry("type", "PLACED").containsEntry("status", "PLACED"))
			.then(() -> accept(orderId, "acceptOrder"))
			.assertNext(e -> {
				assertThat(e).containsEntry("type", "STATUS_CHANGED")
					.containsEntry("status", "ACCEPTED")
					.containsEntry("previousStatus", "PLACED")
					.containsEntry("note", "acceptOrder");
				acceptedCursor[0] = (String) e.get("cursor");
			})
			.then(() -> accept(orderId, "startPreparingOrder"))
			.assertNext(e -> assertThat(e).containsEntry("status", "PREPARING"))
			.thenCancel()
			.verify(TIMEOUT);

		// resume after ACCEPTED: PREPARING is replayed once, then READY arrives live
		StepVerifier.create(subscribe(shopper.token(), STATUS, "orderStatusChanged",
				Map.of("orderId", orderId, "after", acceptedCursor[0])))
			.assertNext(e -> assertThat(e).containsEntry("status", "PREPARING"))
			.then(() -> accept(orderId, "markOrderReady"))
			.assertNext(e -> {
				assertThat(e).containsEntry("status", "READY");
				assertThat(EventCursor.decode((String) e.get("cursor"))).isGreaterThan(EventCursor.decode(acceptedCursor[0]));
				assertThat((Map<String, Object>) e.get("order")).containsEntry("status", "READY");
			})
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void subscriptionsAreAuthorizedLikeQueries() {
		Shopper owner = shopper();
		String product = product(unique("Kebab"), "300", 10);
		String orderId = id(placeOk(owner.tester(), List.of(line(product, 1))));
		expectSubscriptionError(subscribe(shopper().token(), STATUS, "orderStatusChanged", Map.of("orderId", orderId)),
				ErrorType.NOT_FOUND);
		expectSubscriptionError(subscribe(null, STATUS, "orderStatusChanged", Map.of("orderId", orderId)),
				ErrorType.UNAUTHORIZED);
		expectSubscriptionError(subscribe(owner.token(), ALL, "orderEvents", Map.of()), ErrorType.FORBIDDEN);
		expectSubscriptionError(subscribe(staffToken(Permission.MANAGE_PRODUCTS), "subscription { pendingFulfilmentCount }",
				"pendingFulfilmentCount", Map.of()), ErrorType.FORBIDDEN);
		expectSubscriptionError(subscribe(owner.token(), STATUS, "orderStatusChanged",
				Map.of("orderId", orderId, "after", "not-a-cursor")), ErrorType.BAD_REQUEST);
	}

	@Test
	void aDeactivatedEmployeeStopsReceivingAtOnce() {
		String subject = newSubject("panel");
		employees.ensure(subject, "Panel", null, java.util.Set.of(Permission.MANAGE_ORDERS));
		String panelToken = token(subject, "staff");
		String employeeId = io.ordergraph.platform.graphql.GlobalId.encode("Employee",
				employees.findBySubject(subject).orElseThrow().getId());
		Shopper shopper = shopper();
		String product = product(unique("Stew"), "350", 10);
		String start = latestCursor(panelToken);
		String first = (String) placeOk(shopper.tester(), List.of(line(product, 1))).get("number");
		StepVerifier.create(subscribe(panelToken, ALL, "orderEvents", Map.of("after", start))
			.filter(e -> e.get("orderNumber").equals(first) || e.get("type").equals("PLACED")))
			.assertNext(e -> assertThat(e).containsEntry("orderNumber", first))
			.then(() -> manager().document("mutation($id: ID!) { setEmployeeActive(input: {id: $id, active: false}) { errors { code } } }")
				.variable("id", employeeId)
				.execute()
				.path("setEmployeeActive.errors")
				.entityList(Object.class)
				.hasSize(0))
			.then(() -> placeOk(shopper.tester(), List.of(line(product, 1))))
			.expectErrorSatisfies(e -> assertThat(((SubscriptionErrorException) e).getErrors()).singleElement()
				.satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)))
			.verify(TIMEOUT);
	}

	@Test
	void aSubscriptionEndsWhenItsTokenExpires() {
		Shopper shopper = shopper();
		String product = product(unique("Broth"), "150", 10);
		String orderId = id(placeOk(shopper.tester(), List.of(line(product, 1))));
		String shortLived = tokens.issue(shopper.subject(), "Short", List.of("customer"), Duration.ofSeconds(3));
		StepVerifier.create(subscribe(shortLived, STATUS, "orderStatusChanged", Map.of("orderId", orderId)))
			.expectErrorSatisfies(e -> assertThat(((SubscriptionErrorException) e).getErrors()).singleElement()
				.satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED)))
			.verify(TIMEOUT);
	}

	private static void expectSubscriptionError(Flux<?> flux, ErrorType type) {
		StepVerifier.create(flux)
			.expectErrorSatisfies(e -> {
				assertThat(e).isInstanceOf(SubscriptionErrorException.class);
				assertThat(((SubscriptionErrorException) e).getErrors()).singleElement()
					.satisfies(error -> assertThat(error.getErrorType()).isEqualTo(type));
			})
			.verify(TIMEOUT);
	}

	@Test
	void theBackOfficeSeesEveryNewOrderAndChange() {
		String staffToken = staffToken(Permission.MANAGE_ORDERS);
		String start = latestCursor(staffToken);
		Shopper shopper = shopper();
		String product = product(unique("Salad"), "450", 10);
		Map<String, Object> order = placeOk(shopper.tester(), List.of(line(product, 1)));
		String number = (String) order.get("number");
		StepVerifier.create(subscribe(staffToken, ALL, "orderEvents", Map.of("after", start))
			.filter(e -> number.equals(e.get("orderNumber"))))
			.assertNext(e -> {
				assertThat(e).containsEntry("type", "PLACED");
				assertThat(((Map<String, Object>) e.get("order"))).containsKey("customer");
			})
			.then(() -> ok(change(orderManager(), "rejectOrder", "RejectOrderInput",
					Map.of("id", id(order), "reason", "Sold out")), "rejectOrder"))
			.assertNext(e -> assertThat(e).containsEntry("type", "STATUS_CHANGED").containsEntry("status", "REJECTED"))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void thePendingCountIsKeptLive() {
		String staffToken = staffToken(Permission.MANAGE_ORDERS);
		Shopper shopper = shopper();
		String product = product(unique("Tofu"), "200", 10);
		int[] initial = new int[1];
		StepVerifier.create(webSocket(staffToken).document("subscription { pendingFulfilmentCount }")
			.executeSubscription()
			.toFlux("pendingFulfilmentCount", Integer.class))
			.assertNext(n -> initial[0] = n)
			.then(() -> placeOk(shopper.tester(), List.of(line(product, 1))))
			.assertNext(n -> assertThat(n).isEqualTo(initial[0] + 1))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void thePendingCountIsCountedOncePerEventWhateverTheNumberOfSubscribers() {
		String staffToken = staffToken(Permission.MANAGE_ORDERS);
		Shopper shopper = shopper();
		String product = product(unique("Miso"), "200", 10);
		java.util.function.Predicate<String> pendingCount = sql -> sql.startsWith("select count(")
				&& sql.contains("archived") && sql.contains("status in");
		int subscribers = 12;
		List<Flux<Integer>> panels = new java.util.ArrayList<>();
		for (int i = 0; i < subscribers; i++) {
			panels.add(webSocket(staffToken).document("subscription { pendingFulfilmentCount }")
				.executeSubscription()
				.toFlux("pendingFulfilmentCount", Integer.class));
		}
		long[] before = new long[1];
		int[] initial = new int[1];
		// every panel's first count, then the one after an order: 2 × 12 values
		StepVerifier.create(Flux.merge(panels).take(2L * subscribers))
			.recordWith(java.util.ArrayList::new)
			.expectNextCount(subscribers)
			.consumeRecordedWith(firsts -> {
				assertThat(java.util.Set.copyOf(firsts)).hasSize(1);
				initial[0] = firsts.iterator().next();
				before[0] = SqlStatementCounter.count(pendingCount);
			})
			.then(() -> placeOk(shopper.tester(), List.of(line(product, 1))))
			.expectNextCount(subscribers)
			.consumeRecordedWith(all -> assertThat(all).filteredOn(n -> n == initial[0] + 1).hasSize(subscribers))
			.verifyComplete();
		// one count per order event on this instance (placing an order writes at most a few), not one per panel
		assertThat(SqlStatementCounter.count(pendingCount) - before[0]).isBetween(1L, 3L);
	}

}
