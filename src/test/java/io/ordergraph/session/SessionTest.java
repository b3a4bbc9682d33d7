package io.ordergraph.session;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import io.ordergraph.QrCodeReader;
import io.ordergraph.ShopTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the session tests: sessions, joins and orders made through the API, and live subscriptions. */
abstract class SessionTest extends ShopTest {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	// language=GraphQL
	static final String EVENTS = """
			subscription($id: ID!, $after: String) {
			  orderSessionEvents(sessionId: $id, after: $after) {
			    cursor type sessionId sessionLabel sessionState guestName
			    order { id number status previousStatus lines { productName quantity amount { amount currency } } total { amount currency } }
			  }
			}""";

	/** A dead or forged token over HTTP: 401 with the UNAUTHORIZED error in a GraphQL body, nothing executed. */
	static void refusedAsInvalid(int port, String token) {
		expectRefusedAsInvalid(port, token, "{ me { subject } }");
	}

	static Map<String, Object> open(GraphQlTester staff, String label) {
		GraphQlTester.Response response = staff
			.document("mutation($label: String!) { openOrderSession(input: {label: $label}) { session { id label state joinCode joinUrl } errors { code } } }")
			.variable("label", label)
			.execute();
		response.path("openOrderSession.errors").entityList(Object.class).hasSize(0);
		return response.path("openOrderSession.session").entity(MAP).get();
	}

	static GraphQlTester.Response join(GraphQlTester anyone, String code, String name) {
		return anyone
			.document("mutation($code: String!, $name: String!) { joinOrderSession(input: {code: $code, name: $name}) { token expiresAt guest { id name } session { id state } errors { code field message } } }")
			.variable("code", code)
			.variable("name", name)
			.execute();
	}

	/** Joins with the code; answers the guest token. */
	String joinOk(String code, String name) {
		GraphQlTester.Response response = join(anonymous(), code, name);
		response.path("joinOrderSession.errors").entityList(Object.class).hasSize(0);
		return response.path("joinOrderSession.token").entity(String.class).get();
	}

	static GraphQlTester.Response order(GraphQlTester tester, String sessionId, String productId, int quantity) {
		Map<String, Object> input = new java.util.HashMap<>();
		if (sessionId != null) {
			input.put("sessionId", sessionId);
		}
		input.put("lines", List.of(Map.of("productId", productId, "quantity", quantity)));
		return tester
			.document("mutation($input: PlaceSessionOrderInput!) { placeSessionOrder(input: $input) { order { id number status session { id } total { amount currency } } errors { code } } }")
			.variable("input", input)
			.execute();
	}

	/** Places an order into the session that must succeed; answers the order. */
	static Map<String, Object> orderOk(GraphQlTester tester, String sessionId, String productId, int quantity) {
		GraphQlTester.Response response = order(tester, sessionId, productId, quantity);
		response.path("placeSessionOrder.errors").entityList(Object.class).hasSize(0);
		return response.path("placeSessionOrder.order").entity(MAP).get();
	}

	static void changeStatus(GraphQlTester staff, String mutation, String orderId) {
		staff.document("mutation($id: ID!) { " + mutation + "(input: {id: $id}) { errors { code } } }")
			.variable("id", orderId)
			.execute()
			.path(mutation + ".errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	static void close(GraphQlTester staff, String sessionId) {
		staff.document("mutation($id: ID!) { closeOrderSession(input: {id: $id}) { session { state } errors { code } } }")
			.variable("id", sessionId)
			.execute()
			.path("closeOrderSession.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("closeOrderSession.session.state")
			.entity(String.class)
			.isEqualTo("CLOSED");
	}

	String cursor(String token) {
		return withToken(token).document("{ latestEventCursor }")
			.execute()
			.path("latestEventCursor")
			.entity(String.class)
			.get();
	}

	/** What a text in a QR code PNG (a data: URL) says, read with zxing's reader. */
	static String decodeQr(String pngDataUrl) {
		assertThat(pngDataUrl).startsWith("data:image/png;base64,");
		return decodeQr(Base64.getDecoder().decode(pngDataUrl.substring("data:image/png;base64,".length())));
	}

	static String decodeQr(byte[] png) {
		return QrCodeReader.decode(png);
	}


	@SuppressWarnings({ "unchecked", "rawtypes" })
	Live subscribe(String token, String document, String field, Map<String, Object> variables) {
		GraphQlTester.Request<?> request = webSocket(token).document(document);
		variables.forEach(request::variable);
		return new Live((Flux) request.executeSubscription().toFlux(field, Map.class));
	}

	Live sessionEvents(String token, String sessionId, String after) {
		Map<String, Object> variables = new java.util.HashMap<>();
		variables.put("id", sessionId);
		if (after != null) {
			variables.put("after", after);
		}
		return subscribe(token, EVENTS, "orderSessionEvents", variables);
	}

	/** A running subscription whose events a test awaits (with a bound). */
	static final class Live implements AutoCloseable {

		final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

		final AtomicBoolean completed = new AtomicBoolean();

		final AtomicReference<Throwable> error = new AtomicReference<>();

		private final Disposable subscription;

		Live(Flux<Map<String, Object>> flux) {
			this.subscription = flux.subscribe(events::add, error::set, () -> completed.set(true));
		}

		/** Waits for an event of this type matching the condition; answers it. */
		Map<String, Object> await(String type, Predicate<Map<String, Object>> condition) {
			AtomicReference<Map<String, Object>> found = new AtomicReference<>();
			org.awaitility.Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(error.get()).isNull();
				Map<String, Object> match = events.stream()
					.filter(e -> type.equals(e.get("type")) && condition.test(e))
					.findFirst()
					.orElse(null);
				assertThat(match).as("a %s event among %s", type, events).isNotNull();
				found.set(match);
			});
			return found.get();
		}

		Map<String, Object> await(String type) {
			return await(type, e -> true);
		}

		void awaitCompleted() {
			org.awaitility.Awaitility.await().atMost(TIMEOUT).untilTrue(completed);
		}

		List<String> types() {
			return events.stream().map(e -> (String) e.get("type")).toList();
		}

		@Override
		public void close() {
			subscription.dispose();
		}

	}

	/** The amount of a Money value, whether it travels as a JSON number or a string. */
	@SuppressWarnings("unchecked")
	static java.math.BigDecimal amount(Object money) {
		return new java.math.BigDecimal(String.valueOf(((Map<String, Object>) money).get("amount")));
	}

	@SuppressWarnings("unchecked")
	static String orderNumber(Map<String, Object> event) {
		return (String) ((Map<String, Object>) event.get("order")).get("number");
	}

	@SuppressWarnings("unchecked")
	static Object orderField(Map<String, Object> event, String field) {
		return ((Map<String, Object>) event.get("order")).get(field);
	}

}
