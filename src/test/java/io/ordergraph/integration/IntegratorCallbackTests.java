package io.ordergraph.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrator callbacks over real HTTP, signed by an implementation written here. */
class IntegratorCallbackTests extends IntegratorTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	private String integratorId;

	private String secret;

	private String name;

	private HttpGraphQlTester orderStaff;

	@BeforeEach
	void registerAnIntegrator() {
		name = unique("Courier");
		Map<String, Object> payload = staff(Permission.MANAGE_INTEGRATIONS)
			.document("mutation($input: CreateIntegratorInput!) { createIntegrator(input: $input) { signingSecret"
					+ " integrator { id } errors { code } } }")
			.variable("input", Map.of("name", name, "endpointUrl", "http://127.0.0.1:9/none", "events",
					List.of("ORDER_LINES_CHANGED"), "active", false))
			.execute()
			.path("createIntegrator")
			.entity(MAP)
			.get();
		secret = (String) payload.get("signingSecret");
		integratorId = (String) ((Map<?, ?>) payload.get("integrator")).get("id");
		orderStaff = staff(Permission.MANAGE_ORDERS);
	}

	@Test
	void aValidCallbackMovesTheOrderWithTheIntegratorAsActor() throws Exception {
		Map<String, Object> order = placeOrder();
		String body = "{\"order\":\"" + order.get("number") + "\",\"status\":\"ACCEPTED\",\"note\":\"Rider assigned\"}";
		HttpResponse<String> response = send(UUID.randomUUID().toString(), now(), body, secret);
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> after = read((String) order.get("id"));
		assertThat(after.get("status")).isEqualTo("ACCEPTED");
		List<?> history = (List<?>) after.get("statusHistory");
		Map<?, ?> last = (Map<?, ?>) history.get(history.size() - 1);
		assertThat(last.get("actorKind")).isEqualTo("SYSTEM");
		assertThat(last.get("actorName")).isEqualTo(name);
		assertThat(last.get("note")).isEqualTo("Rider assigned");
	}

	@Test
	void forgedStaleReplayedUnknownAndIllegalCallbacksAreRefusedAndChangeNothing() throws Exception {
		Map<String, Object> order = placeOrder();
		String accept = "{\"order\":\"" + order.get("number") + "\",\"status\":\"ACCEPTED\"}";
		String forger = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
		assertRefused(send(UUID.randomUUID().toString(), now(), accept, forger), 401, "bad_signature");
		assertRefused(send(UUID.randomUUID().toString(), now() - 600, accept, secret), 400, "stale_timestamp");
		String unknown = "{\"order\":\"OG-999999999\",\"status\":\"ACCEPTED\"}";
		assertRefused(send(UUID.randomUUID().toString(), now(), unknown, secret), 404, "unknown_order");
		String illegal = "{\"order\":\"" + order.get("number") + "\",\"status\":\"FULFILLED\"}";
		assertRefused(send(UUID.randomUUID().toString(), now(), illegal, secret), 409, "illegal_transition");
		assertThat(read((String) order.get("id")).get("status")).isEqualTo("PLACED");

		String id = UUID.randomUUID().toString();
		assertThat(send(id, now(), accept, secret).statusCode()).isEqualTo(200);
		String cancel = "{\"order\":\"" + order.get("number") + "\",\"status\":\"CANCELLED\"}";
		assertRefused(send(id, now(), cancel, secret), 409, "replayed");
		assertThat(read((String) order.get("id")).get("status")).isEqualTo("ACCEPTED");
	}

	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void aMessageForTheCustomerIsLiveForTheCustomerAndRecordedWithTheIntegratorAsActor() throws Exception {
		Shopper shopper = shopper();
		String product = product(unique("Tea"), "120.00", "KES", 10, true);
		Map<String, Object> order = shopper.tester()
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id number } } }")
			.variable("input", Map.of("lines", List.of(Map.of("productId", product, "quantity", 1))))
			.execute()
			.path("placeOrder.order")
			.entity(MAP)
			.get();
		String cursor = shopper.tester().document("{ latestEventCursor }").execute().path("latestEventCursor")
			.entity(String.class).get();
		String body = "{\"order\":\"" + order.get("number") + "\",\"message\":\"  Your rider is 5 minutes away  \"}";
		HttpResponse<String> response = send(UUID.randomUUID().toString(), now(), body, secret);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"PLACED\"");
		// the customer's live events, resumed from before the callback
		Flux<Map<String, Object>> events = (Flux) webSocket(shopper.token())
			.document("subscription($id: ID!, $after: String) { orderChanged(orderId: $id, after: $after) { type status note } }")
			.variable("id", order.get("id"))
			.variable("after", cursor)
			.executeSubscription()
			.toFlux("orderChanged", Map.class);
		StepVerifier.create(events.take(1))
			.assertNext(e -> assertThat(e).containsEntry("type", "MESSAGE")
				.containsEntry("status", "PLACED")
				.containsEntry("note", "Your rider is 5 minutes away"))
			.expectComplete()
			.verify(Duration.ofSeconds(30));

		Map<String, Object> after = read((String) order.get("id"));
		assertThat(after.get("status")).isEqualTo("PLACED");
		List<?> history = (List<?>) after.get("statusHistory");
		Map<?, ?> last = (Map<?, ?>) history.get(history.size() - 1);
		assertThat(last.get("actorKind")).isEqualTo("SYSTEM");
		assertThat(last.get("actorName")).isEqualTo(name);
		assertThat(last.get("status")).isEqualTo("PLACED");
		assertThat(last.get("note")).isEqualTo("Your rider is 5 minutes away");
	}

	@Test
	void blankTooLongOrAmbiguousMessagesAreRefusedAndChangeNothing() throws Exception {
		Map<String, Object> order = placeOrder();
		String number = (String) order.get("number");
		int before = ((List<?>) read((String) order.get("id")).get("statusHistory")).size();
		assertRefused(send(UUID.randomUUID().toString(), now(), "{\"order\":\"" + number + "\",\"message\":\"   \"}",
				secret), 400, "bad_message");
		assertRefused(send(UUID.randomUUID().toString(), now(), "{\"order\":\"" + number + "\",\"message\":\""
				+ "x".repeat(501) + "\"}", secret), 400, "bad_message");
		assertRefused(send(UUID.randomUUID().toString(), now(), "{\"order\":\"" + number + "\",\"message\":42}",
				secret), 400, "bad_message");
		assertRefused(send(UUID.randomUUID().toString(), now(), "{\"order\":\"" + number
				+ "\",\"status\":\"ACCEPTED\",\"message\":\"Both\"}", secret), 400, "bad_body");
		assertRefused(send(UUID.randomUUID().toString(), now(), "{\"order\":\"OG-999999999\",\"message\":\"Hi\"}",
				secret), 404, "unknown_order");
		assertThat((List<?>) read((String) order.get("id")).get("statusHistory")).hasSize(before);
	}

	private void assertRefused(HttpResponse<String> response, int status, String reason) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).contains("\"reason\":\"" + reason + "\"");
	}

	private HttpResponse<String> send(String id, long timestamp, String body, String key) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/integrations/" + integratorId
				+ "/callback"))
			.header("Content-Type", "application/json")
			.header("webhook-id", id)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", "v1," + TestReceiver.hmac(key, id + "." + timestamp + "." + body))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static long now() {
		return System.currentTimeMillis() / 1000;
	}

	private Map<String, Object> read(String orderId) {
		return orderStaff.document("query($id: ID!) { order(id: $id) { status statusHistory { status actorKind actorName note } } }")
			.variable("id", orderId)
			.execute()
			.path("order")
			.entity(MAP)
			.get();
	}

}
