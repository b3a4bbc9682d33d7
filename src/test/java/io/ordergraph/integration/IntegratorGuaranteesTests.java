package io.ordergraph.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.outbox.OutboxWorker;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What integrators can rely on: per-order order under failures, signatures across a secret rotation, static-header
 * credentials (encrypted at rest), a worker restart mid-delivery, recovery of a delivery whose sender died
 * mid-request, registration refusals, delivery outcomes on the order's live events for staff only, and integrators
 * as Relay nodes for their managers only.
 */
class IntegratorGuaranteesTests extends IntegratorTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("integrationOutboxWorker")
	OutboxWorker worker;

	private static String eventType(TestReceiver.Request request) {
		return (String) ((Map<?, ?>) JSON.readValue(request.body(), Map.class).get("event")).get("type");
	}

	private void accept(String orderId, String note) {
		orderManager().document("mutation($input: ChangeOrderStatusInput!) { acceptOrder(input: $input) { errors { code } } }")
			.variable("input", Map.of("id", orderId, "note", note))
			.execute()
			.path("acceptOrder.errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void aLaterEventOfAnOrderWaitsUntilTheEarlierOneIsDelivered() {
		AtomicInteger placedFailures = new AtomicInteger();
		List<String> seen = new CopyOnWriteArrayList<>();
		TestReceiver receiver = receiver(r -> {
			String type = eventType(r);
			seen.add(type);
			// the placement fails three times: the status change, already waiting, must not overtake it
			return type.equals("ORDER_PLACED") && placedFailures.incrementAndGet() <= 3 ? 503 : 200;
		});
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED", "ORDER_STATUS_CHANGED"), null);
		String orderId = (String) placeOrder().get("id");
		accept(orderId, "Accepted while the placement is still failing");
		List<Map<String, Object>> deliveries = awaitDeliveries(created, orderId, 2, "DELIVERED");
		assertThat(deliveries).extracting(d -> d.get("event")).containsExactly("ORDER_PLACED", "ORDER_STATUS_CHANGED");
		assertThat(deliveries.get(0).get("attempts")).isEqualTo(4);
		assertThat(deliveries.get(1).get("attempts")).isEqualTo(1);
		assertThat(seen).containsExactly("ORDER_PLACED", "ORDER_PLACED", "ORDER_PLACED", "ORDER_PLACED",
				"ORDER_STATUS_CHANGED");
	}

	@Test
	void duringARotationOverlapBothSignaturesAreSentThenOnlyTheNewOne() {
		TestReceiver receiver = receiver(r -> 200);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), null);
		String first = secretOf(created);

		String second = rotate(idOf(created), 60);
		assertThat(second).startsWith("whsec_").isNotEqualTo(first);
		awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		TestReceiver.Request during = receiver.requests.poll();
		assertThat(during.signatures()).hasSize(2);
		assertThat(during.signedWith(second)).isTrue();
		assertThat(during.signedWith(first)).isTrue();

		// no overlap: the previous secret stops signing at once
		String third = rotate(idOf(created), 0);
		awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		TestReceiver.Request after = receiver.requests.poll();
		assertThat(after.signatures()).hasSize(1);
		assertThat(after.signedWith(third)).isTrue();
		assertThat(after.signedWith(second)).isFalse();

		// out of range
		admin.document("mutation($input: RotateIntegratorSecretInput!) { rotateIntegratorSecret(input: $input)"
				+ " { signingSecret errors { code } } }")
			.variable("input", Map.of("id", idOf(created), "overlapMinutes", 10081))
			.execute()
			.path("rotateIntegratorSecret.signingSecret")
			.valueIsNull();
	}

	private String rotate(String id, int overlapMinutes) {
		return admin.document("mutation($input: RotateIntegratorSecretInput!) { rotateIntegratorSecret(input: $input)"
				+ " { signingSecret errors { code } } }")
			.variable("input", Map.of("id", id, "overlapMinutes", overlapMinutes))
			.execute()
			.path("rotateIntegratorSecret.signingSecret")
			.entity(String.class)
			.get();
	}

	@Test
	void aStaticHeaderCredentialIsSentAndOnlyItsCipherTextIsStored() {
		String apiKey = "key-" + UUID.randomUUID();
		TestReceiver receiver = receiver(r -> apiKey.equals(r.header("x-api-key")) ? 200 : 403);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"),
				Map.of("kind", "STATIC_HEADER", "headerName", "X-Api-Key", "headerValue", apiKey));
		awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		assertThat(receiver.answered).containsExactly(200);

		Map<String, Object> row = jdbc.queryForMap("select * from integrator where id = ?",
				GlobalId.decode(idOf(created), Integrator.NODE_TYPE));
		assertThat(row.get("auth_header_name")).isEqualTo("X-Api-Key");
		assertThat((String) row.get("auth_header_value")).startsWith("v1:");
		assertThat((String) row.get("signing_secret")).startsWith("v1:");
		assertThat(row.values()).noneSatisfy(v -> assertThat(String.valueOf(v)).contains(apiKey))
			.noneSatisfy(v -> assertThat(String.valueOf(v))
				.contains(secretOf(created).substring("whsec_".length())));
	}

	@Test
	void aDeliveryWhoseSenderDiedMidRequestIsSentOnceMoreAndNothingIsDoubled() {
		TestReceiver receiver = receiver(r -> 200);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), null);
		String orderId = (String) placeOrder().get("id");
		awaitDeliveries(created, orderId, 1, "DELIVERED");
		UUID integrator = GlobalId.decode(idOf(created), Integrator.NODE_TYPE);
		UUID order = GlobalId.decode(orderId, "Order");
		// what an instance that died while sending leaves behind: the row SENDING, claimed by it long ago (past the
		// lease), one attempt used; the running instances must take it over
		UUID orphan = UUID.randomUUID();
		jdbc.update("insert into integrator_delivery (id, integrator_id, order_id, ordering_key, event_id, event_type,"
				+ " body, status, attempts, claimed_at, claimed_by, next_attempt_at, created_at, updated_at)"
				+ " values (?, ?, ?, ?, ?, 'ORDER_STATUS_CHANGED', '{\"crashed\":true}', 'SENDING', 1,"
				+ " now() - interval '1 hour', 'a-dead-instance/claim', now(), now(), now())", orphan, integrator, order,
				integrator + "/" + order, UUID.randomUUID());

		List<Map<String, Object>> deliveries = awaitDeliveries(created, orderId, 2, "DELIVERED");
		assertThat(deliveries.get(1).get("event")).isEqualTo("ORDER_STATUS_CHANGED");
		assertThat(deliveries.get(1).get("attempts")).isEqualTo(2);
		// each delivery reached the receiver once from the living instances, with its own webhook id
		assertThat(receiver.requests).hasSize(2);
		assertThat(receiver.requests).extracting(TestReceiver.Request::id).doesNotHaveDuplicates().contains(orphan.toString());
		assertThat(receiver.requests).extracting(TestReceiver.Request::body).contains("{\"crashed\":true}");
		assertThat(jdbc.queryForObject("select count(*) from integrator_delivery where integrator_id = ?", Long.class,
				integrator)).isEqualTo(2);
	}

	@Test
	void restartingTheWorkerMidDeliveryLosesAndDoublesNothing() throws Exception {
		CountDownLatch inFlight = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		TestReceiver receiver = receiver(r -> {
			if (inFlight.getCount() > 0) {
				inFlight.countDown();
				try {
					// held past our read timeout while the worker is stopped (bounded)
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return 200;
		});
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), null);
		String orderId = (String) placeOrder().get("id");
		assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
		try {
			// what a shutdown does: stop claiming, let the request in flight end (here: time out) and be recorded
			worker.stop();
		}
		finally {
			release.countDown();
			worker.start();
		}
		Map<String, Object> delivery = awaitDeliveries(created, orderId, 1, "DELIVERED").get(0);
		assertThat(delivery.get("attempts")).isEqualTo(2);
		// one delivery, sent twice with the same webhook id (the receiver can tell the repeat), nothing else
		assertThat(receiver.requests).hasSize(2);
		assertThat(receiver.requests).extracting(TestReceiver.Request::id).containsOnly(
				GlobalId.decode((String) delivery.get("id"), IntegratorDelivery.NODE_TYPE).toString());
		assertThat(receiver.requests.stream().map(TestReceiver.Request::body).distinct()).hasSize(1);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Flux<Map<String, Object>> orderChanged(String token, String orderId, String after) {
		return (Flux) webSocket(token)
			.document("subscription($id: ID!, $after: String) { orderChanged(orderId: $id, after: $after) { type note } }")
			.variable("id", orderId)
			.variable("after", after)
			.executeSubscription()
			.toFlux("orderChanged", Map.class);
	}

	@Test
	void deliveryOutcomesAppearOnTheOrdersLiveEventsForStaffOnly() {
		TestReceiver receiver = receiver(r -> 200);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), null);
		String staff = staffToken(Permission.MANAGE_ORDERS);
		String cursor = withToken(staff).document("{ latestEventCursor }").execute().path("latestEventCursor")
			.entity(String.class).get();
		Shopper shopper = shopper();
		String orderId = shopper.tester()
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }")
			.variable("input", Map.of("lines", List.of(Map.of("productId",
					product(unique("Tea"), "120.00", "KES", 10, true), "quantity", 1))))
			.execute()
			.path("placeOrder.order.id")
			.entity(String.class)
			.get();
		awaitDeliveries(created, orderId, 1, "DELIVERED");
		accept(orderId, "After the hand-over");

		// staff, over a real WebSocket, resuming from before the order: placement, outcome, acceptance
		StepVerifier.create(orderChanged(staff, orderId, cursor).take(3))
			.assertNext(e -> assertThat(e).containsEntry("type", "PLACED"))
			.assertNext(e -> assertThat(e).containsEntry("type", "NOTIFICATION")
				.containsEntry("note", "Integrator " + receiver.name + ": ORDER_PLACED delivered"))
			.assertNext(e -> assertThat(e).containsEntry("type", "STATUS_CHANGED"))
			.expectComplete()
			.verify(Duration.ofSeconds(30));
		// the customer following the same order does not get the outcome
		StepVerifier.create(orderChanged(shopper.token(), orderId, cursor).take(2))
			.assertNext(e -> assertThat(e).containsEntry("type", "PLACED"))
			.assertNext(e -> assertThat(e).containsEntry("type", "STATUS_CHANGED"))
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	@Test
	@SuppressWarnings("unchecked")
	void unusableEndpointsAndIncompleteCredentialsAreRefusedAtRegistration() {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("name", unique("Refused"), "endpointUrl",
				"ftp://127.0.0.1/hook", "events", List.of("ORDER_PLACED"), "auth",
				Map.of("kind", "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl", "gopher://127.0.0.1/token", "clientId", "c")));
		Map<String, Object> payload = admin
			.document("mutation($input: CreateIntegratorInput!) { createIntegrator(input: $input) { integrator { id }"
					+ " signingSecret errors { code field } } }")
			.variable("input", input)
			.execute()
			.path("createIntegrator")
			.entity(MAP)
			.get();
		assertThat(payload.get("integrator")).isNull();
		assertThat(payload.get("signingSecret")).isNull();
		assertThat((List<Map<String, Object>>) payload.get("errors")).extracting(e -> e.get("field"))
			.containsExactlyInAnyOrder(List.of("input", "endpointUrl"), List.of("input", "auth", "tokenUrl"),
					List.of("input", "auth", "clientSecret"));
	}

	@Test
	void nodeFindsAnIntegratorOnlyForItsManagers() {
		Map<String, Object> created = create(receiver(r -> 200), List.of("ORDER_PLACED"), null);
		String query = "query($id: ID!) { node(id: $id) { __typename id ... on Integrator { name } } }";
		admin.document(query).variable("id", idOf(created)).execute()
			.path("node.__typename").entity(String.class).isEqualTo("Integrator")
			.path("node.id").entity(String.class).isEqualTo(idOf(created));
		staff(Permission.MANAGE_ORDERS).document(query).variable("id", idOf(created)).execute()
			.path("node").valueIsNull();
		customer().document(query).variable("id", idOf(created)).execute().path("node").valueIsNull();
		admin.document(query).variable("id", GlobalId.encode(Integrator.NODE_TYPE, UUID.randomUUID())).execute()
			.path("node").valueIsNull();
	}

	@Test
	void aPageOfDeliveriesLoadsItsIntegratorsAndOrdersInBatches() {
		TestReceiver receiver = receiver(r -> 200);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), null);
		for (int i = 0; i < 3; i++) {
			awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		}
		String query = "query($i: ID) { integratorDeliveries(integratorId: $i, first: 10) { edges { node {"
				+ " integrator { id name } order { id number } } } } }";
		List<Map<String, Object>> nodes = staff(Permission.MANAGE_INTEGRATIONS, Permission.MANAGE_ORDERS)
			.document(query)
			.variable("i", idOf(created))
			.execute()
			.path("integratorDeliveries.edges[*].node")
			.entityList(MAP)
			.get();
		assertThat(nodes).hasSize(3).allSatisfy(n -> {
			assertThat(((Map<?, ?>) n.get("integrator")).get("name")).isEqualTo(receiver.name);
			assertThat(((Map<?, ?>) n.get("order")).get("number")).isNotNull();
		});
		assertThat(nodes.stream().map(n -> ((Map<?, ?>) n.get("order")).get("id")).distinct()).hasSize(3);
		// without MANAGE_ORDERS the orders are not shown
		assertThat(admin.document(query).variable("i", idOf(created)).execute()
			.path("integratorDeliveries.edges[*].node").entityList(MAP).get())
			.hasSize(3)
			.allSatisfy(n -> assertThat(n.get("order")).isNull());
	}

}
