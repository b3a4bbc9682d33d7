package io.ordergraph.ordering;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orderChanged}: the owner sees every change to their order live, and resumes after a dropped socket. */
class OrderChangedTests extends OrderingTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// language=GraphQL
	private static final String CHANGED = """
			subscription($orderId: ID!, $after: String) {
			  orderChanged(orderId: $orderId, after: $after) {
			    cursor type status note order { id status total { amount } lines { productName quantity } }
			  }
			}""";

	private String latestCursor(String token) {
		return withToken(token).document("{ latestEventCursor }").execute().path("latestEventCursor")
			.entity(String.class).get();
	}

	private WebSocketGraphQlClient client(String token) {
		return WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"),
				new ReactorNettyWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}
			})
			.build();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Flux<Map<String, Object>> changes(WebSocketGraphQlClient client, String orderId, String after) {
		return (Flux) client.document(CHANGED)
			.variable("orderId", orderId)
			.variable("after", after)
			.retrieveSubscription("orderChanged")
			.toEntity(Map.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> order(Map<String, Object> event) {
		return (Map<String, Object>) event.get("order");
	}

	private void addLine(String orderId, String productId, int quantity) {
		ok(change(orderManager(), "addOrderLine", "AddOrderLineInput",
				Map.of("orderId", orderId, "productId", productId, "quantity", quantity)), "addOrderLine");
	}

	private void step(String orderId, String mutation, String note) {
		ok(change(orderManager(), mutation, "ChangeOrderStatusInput", Map.of("id", orderId, "note", note)), mutation);
	}

	@Test
	void theOwnerSeesStaffEditTheLinesOfTheirPlacedOrder() {
		Shopper owner = shopper();
		String tea = product(unique("Tea"), "100", 20);
		String cake = product(unique("Cake"), "50", 20);
		String orderId = id(placeOk(owner.tester(), List.of(line(tea, 1))));
		// from the cursor after the placement: without one, the PLACED event may still be on its way to the stream
		// when the subscription starts, and the edit made right after subscribing may land before it is registered
		String start = latestCursor(owner.token());
		WebSocketGraphQlClient client = client(owner.token());
		try {
			StepVerifier.create(changes(client, orderId, start))
				.then(() -> addLine(orderId, cake, 2))
				.assertNext(e -> {
					assertThat(e).containsEntry("type", "LINES_CHANGED").containsEntry("status", "PLACED");
					assertThat(order(e).get("total")).isEqualTo(Map.of("amount", "232.00")); // (100 + 2 × 50) + 16 %
					assertThat((List<?>) order(e).get("lines")).hasSize(2);
				})
				.then(() -> step(orderId, "acceptOrder", "Coming up"))
				.assertNext(e -> assertThat(e).containsEntry("type", "STATUS_CHANGED")
					.containsEntry("status", "ACCEPTED")
					.containsEntry("note", "Coming up"))
				.thenCancel()
				.verify(TIMEOUT);
		}
		finally {
			client.stop().block(TIMEOUT);
		}
		// another customer may not follow it
		expectSubscriptionRefused(shopper().token(), orderId);
	}

	private void expectSubscriptionRefused(String token, String orderId) {
		WebSocketGraphQlClient client = client(token);
		try {
			StepVerifier.create(changes(client, orderId, null)).expectError().verify(TIMEOUT);
		}
		finally {
			client.stop().block(TIMEOUT);
		}
	}

	/**
	 * The recipe of docs/api.md: keep the cursor of the last event handled; after the socket drops, subscribe again
	 * with {@code after:} that cursor (not the {@code after} of the first subscription, which replays what was seen).
	 */
	@Test
	void afterADroppedSocketResubscribingFromTheLastCursorMissesNothingAndRepeatsNothing() {
		Shopper owner = shopper();
		String tea = product(unique("Tea"), "100", 20);
		String start = latestCursor(owner.token());
		String orderId = id(placeOk(owner.tester(), List.of(line(tea, 1))));
		WebSocketGraphQlClient client = client(owner.token());
		WebSocketGraphQlClient reconnected = client(owner.token());
		WebSocketGraphQlClient again = client(owner.token());
		List<String> seen = new ArrayList<>();
		try {
			// ends, with an error or without, when the socket goes
			StepVerifier.create(changes(client, orderId, start).onErrorComplete())
				.assertNext(e -> seen.add((String) e.get("cursor")))
				.then(() -> step(orderId, "acceptOrder", "first"))
				.assertNext(e -> seen.add((String) e.get("cursor")))
				// the socket drops under the open subscription
				.then(() -> client.stop().block(TIMEOUT))
				.expectComplete()
				.verify(TIMEOUT);

			// while disconnected, the order moves on
			step(orderId, "startPreparingOrder", "missed 1");
			step(orderId, "markOrderReady", "missed 2");

			String last = seen.get(seen.size() - 1);
			// a new socket, as a client's reconnect opens; the missed events come in log order
			List<Map<String, Object>> resumed = new ArrayList<>();
			StepVerifier.create(changes(reconnected, orderId, last))
				.recordWith(() -> resumed)
				.expectNextCount(2)
				.then(() -> step(orderId, "fulfilOrder", "live"))
				.expectNextCount(1)
				.thenCancel()
				.verify(TIMEOUT);
			assertThat(resumed).as("resumed after %s (seen %s)", last, seen)
				.extracting(e -> e.get("note"))
				.containsExactly("missed 1", "missed 2", "live");
			assertThat(resumed).extracting(e -> e.get("cursor")).doesNotContainAnyElementsOf(seen);

			// what a client that re-sends its first `after` gets: the events it had already handled, again
			StepVerifier.create(changes(again, orderId, start).take(2))
				.assertNext(e -> assertThat(e.get("cursor")).isEqualTo(seen.get(0)))
				.assertNext(e -> assertThat(e.get("cursor")).isEqualTo(seen.get(1)))
				.verifyComplete();
		}
		finally {
			client.stop().block(TIMEOUT);
			reconnected.stop().block(TIMEOUT);
			again.stop().block(TIMEOUT);
		}
	}

}
