package io.ordergraph.integration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.ShopTest;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliveries to real HTTP receivers on 127.0.0.1: signed, retried, failed, redelivered, independent. */
class IntegratorDeliveryTests extends ShopTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private final List<Receiver> receivers = new ArrayList<>();

	private final List<String> integratorIds = new ArrayList<>();

	private HttpGraphQlTester admin;

	@BeforeEach
	void signInAsIntegrationsManager() {
		admin = staff(Permission.MANAGE_INTEGRATIONS);
	}

	@AfterEach
	void stopReceiversAndPauseIntegrators() {
		integratorIds.forEach(id -> admin
			.document("mutation($input: UpdateIntegratorInput!) { updateIntegrator(input: $input) { errors { code } } }")
			.variable("input", Map.of("id", id, "active", false))
			.execute());
		receivers.forEach(r -> r.server.stop(0));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aPlacedOrderIsDeliveredSignedInTheSeedShape() {
		Receiver receiver = receiver(() -> 200);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"));
		String secret = (String) created.get("signingSecret");
		assertThat(secret).startsWith("whsec_");
		String orderId = placeOrder();

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() >= 1);
		Request request = receiver.requests.peek();
		// an implementation of Standard Webhooks written here, independent of ours
		assertThat(request.signature()).isEqualTo("v1," + TestReceiver.hmac(secret, request.id() + "." + request.timestamp() + "."
				+ request.body()));
		assertThat(Math.abs(Long.parseLong(request.timestamp()) - System.currentTimeMillis() / 1000)).isLessThan(60);
		Map<String, Object> body = JsonMapper.builder().build().readValue(request.body(), Map.class);
		assertThat(body).containsKeys("user", "seller", "order", "event");
		@SuppressWarnings("unchecked")
		Map<String, Object> order = (Map<String, Object>) body.get("order");
		assertThat(order).containsKeys("id", "datetime", "timezone", "user_note", "items", "number", "status");
		assertThat(order.get("status")).isEqualTo("PLACED");
		assertThat((List<?>) order.get("items")).hasSize(1);
		assertThat((Map<String, Object>) body.get("user")).containsKeys("id", "phone", "name", "email", "lat", "lng");
		assertThat(((Map<?, ?>) body.get("event")).get("type")).isEqualTo("ORDER_PLACED");

		Map<String, Object> delivery = awaitDelivery(created, orderId, "DELIVERED");
		assertThat(delivery.get("attempts")).isEqualTo(1);
		assertThat(delivery.get("lastResponseCode")).isEqualTo(200);
		assertThat(delivery.get("id")).isNotNull();
		// the secret is never shown again
		admin.document("{ integrators(first: 100) { edges { node { id name } } } }").execute()
			.path("integrators.edges[*].node.name").entityList(String.class).contains(receiver.name);
	}

	@Test
	void failingFourTimesThenSucceedingIsDeliveredAtTheFifthAttempt() {
		int[] calls = { 0 };
		Receiver receiver = receiver(() -> ++calls[0] <= 4 ? 503 : 204);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"));
		String orderId = placeOrder();
		Map<String, Object> delivery = awaitDelivery(created, orderId, "DELIVERED");
		assertThat(delivery.get("attempts")).isEqualTo(5);
		assertThat(receiver.requests).hasSize(5);
		// every attempt carries the same webhook id and body
		assertThat(receiver.requests.stream().map(Request::id).distinct()).hasSize(1);
		assertThat(receiver.requests.stream().map(Request::body).distinct()).hasSize(1);
	}

	@Test
	void failingAlwaysIsFailedAfterFiveAttemptsAndCanBeRedelivered() {
		int[] status = { 500 };
		Receiver receiver = receiver(() -> status[0]);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"));
		String orderId = placeOrder();
		Map<String, Object> failed = awaitDelivery(created, orderId, "FAILED");
		assertThat(failed.get("attempts")).isEqualTo(5);
		assertThat(failed.get("lastResponseCode")).isEqualTo(500);
		assertThat(receiver.requests).hasSize(5);
		assertThat(integrator(created).get("recentFailureRate")).isEqualTo(1.0);

		status[0] = 200;
		admin.document("mutation($input: RedeliverIntegratorDeliveryInput!) { redeliverIntegratorDelivery(input: $input)"
				+ " { delivery { status } errors { code } } }")
			.variable("input", Map.of("id", failed.get("id")))
			.execute()
			.path("redeliverIntegratorDelivery.errors").entityList(Object.class).hasSize(0);
		Map<String, Object> delivered = awaitDelivery(created, orderId, "DELIVERED");
		assertThat(delivered.get("attempts")).isEqualTo(1);
		assertThat(receiver.requests).hasSize(6);
		// a delivered one cannot be redelivered
		admin.document("mutation($input: RedeliverIntegratorDeliveryInput!) { redeliverIntegratorDelivery(input: $input)"
				+ " { errors { code } } }")
			.variable("input", Map.of("id", failed.get("id")))
			.execute()
			.path("redeliverIntegratorDelivery.errors[*].code").entityList(String.class).containsExactly("DELIVERY_NOT_FAILED");
	}

	@Test
	void aSlowIntegratorDoesNotDelayAFastOne() {
		Receiver slow = receiver(() -> {
			try {
				Thread.sleep(1500); // the receiver itself is slow; the test awaits with bounds
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return 200;
		});
		Receiver fast = receiver(() -> 200);
		Map<String, Object> slowOne = create(slow, List.of("ORDER_PLACED"));
		Map<String, Object> fastOne = create(fast, List.of("ORDER_PLACED"));
		String first = placeOrder();
		String second = placeOrder();
		await().atMost(Duration.ofMillis(1200)).until(() -> fast.requests.size() >= 2);
		assertThat(slow.responded).isEmpty();
		awaitDelivery(slowOne, first, "DELIVERED");
		awaitDelivery(slowOne, second, "DELIVERED");
		awaitDelivery(fastOne, second, "DELIVERED");
	}

	@Test
	void withoutThePermissionIntegratorsAreRefused() {
		staff(Permission.MANAGE_ORDERS).document("{ integrators { totalCount } }").execute().errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty());
	}

	private Map<String, Object> create(Receiver receiver, List<String> events) {
		Map<String, Object> payload = admin
			.document("mutation($input: CreateIntegratorInput!) { createIntegrator(input: $input) { signingSecret"
					+ " integrator { id name active events } errors { code message } } }")
			.variable("input", Map.of("name", receiver.name, "endpointUrl", receiver.url(), "events", events))
			.execute()
			.path("createIntegrator")
			.entity(MAP)
			.get();
		assertThat((List<?>) payload.get("errors")).isEmpty();
		@SuppressWarnings("unchecked")
		Map<String, Object> integrator = (Map<String, Object>) payload.get("integrator");
		integratorIds.add((String) integrator.get("id"));
		return payload;
	}

	@SuppressWarnings("unchecked")
	private static String idOf(Map<String, Object> created) {
		return (String) ((Map<String, Object>) created.get("integrator")).get("id");
	}

	private Map<String, Object> integrator(Map<String, Object> created) {
		List<Map<String, Object>> all = admin.document("{ integrators(first: 100) { edges { node { id recentFailureRate } } } }")
			.execute()
			.path("integrators.edges[*].node")
			.entityList(MAP)
			.get();
		return all.stream().filter(n -> n.get("id").equals(idOf(created))).findFirst().orElseThrow();
	}

	private Map<String, Object> awaitDelivery(Map<String, Object> created, String orderId, String status) {
		List<Map<String, Object>> found = new CopyOnWriteArrayList<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<Map<String, Object>> nodes = admin
				.document("query($i: ID, $o: ID) { integratorDeliveries(integratorId: $i, orderId: $o) { edges { node {"
						+ " id status attempts lastResponseCode event order { id } integrator { id } } } } }")
				.variable("i", idOf(created))
				.variable("o", orderId)
				.execute()
				.path("integratorDeliveries.edges[*].node")
				.entityList(MAP)
				.get();
			found.clear();
			found.addAll(nodes);
			return nodes.size() == 1 && status.equals(nodes.get(0).get("status"));
		});
		return found.get(0);
	}

	private String placeOrder() {
		Shopper shopper = shopper();
		String product = product(unique("Tea"), "120.00", "KES", 10, true);
		return shopper.tester()
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } errors { code } } }")
			.variable("input", Map.of("lines", List.of(Map.of("productId", product, "quantity", 1)), "note", "Ring twice"))
			.execute()
			.path("placeOrder.order.id")
			.entity(String.class)
			.get();
	}

	record Request(String id, String timestamp, String signature, String body) {
	}

	private Receiver receiver(IntSupplier status) {
		try {
			Receiver receiver = new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
					unique("Receiver"));
			receiver.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			receiver.server.createContext("/hook", exchange -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				receiver.requests.add(new Request(exchange.getRequestHeaders().getFirst("webhook-id"),
						exchange.getRequestHeaders().getFirst("webhook-timestamp"),
						exchange.getRequestHeaders().getFirst("webhook-signature"), body));
				int code = status.getAsInt();
				byte[] answer = ("{\"ok\":" + (code < 300) + "}").getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(code, code == 204 ? -1 : answer.length);
				if (code != 204) {
					exchange.getResponseBody().write(answer);
				}
				exchange.close();
				receiver.responded.add(code);
			});
			receiver.server.start();
			receivers.add(receiver);
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static final class Receiver {

		final HttpServer server;

		final String name;

		final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

		final ConcurrentLinkedQueue<Integer> responded = new ConcurrentLinkedQueue<>();

		Receiver(HttpServer server, String name) {
			this.server = server;
			this.name = name;
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
		}

	}

}
