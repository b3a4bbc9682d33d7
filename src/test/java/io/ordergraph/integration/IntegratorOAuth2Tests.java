package io.ordergraph.integration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.ordergraph.platform.graphql.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OAuth2 client credentials towards integrators, against a token endpoint of our own on 127.0.0.1 speaking RFC 6749
 * (client authentication with HTTP Basic, a JSON token response): the token is reused while fresh, replaced when it
 * is about to expire, fetched again once after a 401, and its client secret is stored encrypted and never shown.
 */
class IntegratorOAuth2Tests extends IntegratorTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	/** An RFC 6749 token endpoint: checks the client's Basic credentials, issues random tokens. */
	static final class TokenEndpoint implements AutoCloseable {

		final HttpServer server;

		final String clientId = "client-" + UUID.randomUUID();

		final String clientSecret = "secret-" + UUID.randomUUID();

		final ConcurrentLinkedQueue<String> issued = new ConcurrentLinkedQueue<>();

		final ConcurrentLinkedQueue<Map<String, String>> forms = new ConcurrentLinkedQueue<>();

		/** The expires_in of the next tokens. */
		volatile int expiresIn = 3600;

		TokenEndpoint() throws IOException {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/token", exchange -> {
				String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				Map<String, String> fields = new HashMap<>();
				for (String pair : form.split("&")) {
					String[] kv = pair.split("=", 2);
					fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
							kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
				}
				forms.add(fields);
				String expected = "Basic " + Base64.getEncoder()
					.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
				String answer;
				int status;
				if (!"POST".equals(exchange.getRequestMethod())
						|| !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					status = 401;
					answer = "{\"error\":\"invalid_client\"}";
				}
				else if (!"client_credentials".equals(fields.get("grant_type"))) {
					status = 400;
					answer = "{\"error\":\"unsupported_grant_type\"}";
				}
				else {
					String token = "tok-" + UUID.randomUUID();
					issued.add(token);
					status = 200;
					answer = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
							+ "}";
				}
				byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
				exchange.getResponseHeaders().add("Cache-Control", "no-store");
				exchange.sendResponseHeaders(status, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			server.start();
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
		}

		Map<String, Object> auth(String secret) {
			return Map.of("kind", "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl", url(), "clientId", clientId, "clientSecret",
					secret, "scope", "orders:write");
		}

		@Override
		public void close() {
			server.stop(0);
		}

	}

	private static String bearer(TestReceiver.Request request) {
		String header = request.header("authorization");
		return header == null ? null : header.substring("Bearer ".length());
	}

	@Test
	void oneTokenIsFetchedAndSentAsBearerForSeveralDeliveries() throws Exception {
		TokenEndpoint tokens = closeAfter(new TokenEndpoint());
		TestReceiver receiver = receiver(r -> 200);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), tokens.auth(tokens.clientSecret));
		@SuppressWarnings("unchecked")
		Map<String, Object> integrator = (Map<String, Object>) created.get("integrator");
		assertThat(integrator).containsEntry("authKind", "OAUTH2_CLIENT_CREDENTIALS")
			.containsEntry("authTokenUrl", tokens.url())
			.containsEntry("authClientId", tokens.clientId)
			.containsEntry("authScope", "orders:write");

		for (int i = 0; i < 3; i++) {
			awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		}
		assertThat(tokens.issued).hasSize(1);
		assertThat(receiver.requests).hasSize(3).allSatisfy(r -> assertThat(bearer(r)).isEqualTo(tokens.issued.peek()));
		assertThat(tokens.forms.peek()).containsEntry("grant_type", "client_credentials")
			.containsEntry("scope", "orders:write");

		// the client secret is encrypted at rest and never shown
		UUID id = GlobalId.decode(idOf(created), Integrator.NODE_TYPE);
		Map<String, Object> row = jdbc.queryForMap("select * from integrator where id = ?", id);
		assertThat(row.get("auth_client_secret")).asString().startsWith("v1:").doesNotContain(tokens.clientSecret);
		assertThat(row.values()).noneSatisfy(v -> assertThat(String.valueOf(v)).contains(tokens.clientSecret));
		String everything = admin.document("query($id: ID!) { node(id: $id) { ... on Integrator { id name endpointUrl"
				+ " events active authKind authHeaderName authTokenUrl authClientId authScope recentFailureRate } } }")
			.variable("id", idOf(created))
			.execute()
			.path("node")
			.entity(MAP)
			.get()
			.toString();
		assertThat(everything).contains(tokens.clientId).doesNotContain(tokens.clientSecret);
	}

	@Test
	void aTokenAboutToExpireIsReplacedBeforeItIsSent() throws Exception {
		TokenEndpoint tokens = closeAfter(new TokenEndpoint());
		// within the refresh margin (60 s) from the start: never reused
		tokens.expiresIn = 30;
		TestReceiver receiver = receiver(r -> 200);
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), tokens.auth(tokens.clientSecret));
		awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		assertThat(tokens.issued).hasSize(2);
		assertThat(receiver.requests.stream().map(IntegratorOAuth2Tests::bearer).distinct()).hasSize(2);

		// a long-lived one is kept
		tokens.expiresIn = 3600;
		awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED");
		assertThat(tokens.issued).hasSize(3);
	}

	@Test
	void a401FromTheIntegratorFetchesANewTokenOnceAndSendsAgain() throws Exception {
		TokenEndpoint tokens = closeAfter(new TokenEndpoint());
		AtomicInteger unauthorized = new AtomicInteger();
		// the integrator refuses the first token it sees (as if it had been revoked), accepts any later one
		TestReceiver receiver = receiver(r -> {
			if (bearer(r).equals(tokens.issued.peek())) {
				unauthorized.incrementAndGet();
				return 401;
			}
			return 200;
		});
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), tokens.auth(tokens.clientSecret));
		Map<String, Object> delivery = awaitDeliveries(created, (String) placeOrder().get("id"), 1, "DELIVERED").get(0);
		assertThat(delivery.get("attempts")).as("the refetch and resend belong to the same attempt").isEqualTo(1);
		assertThat(tokens.issued).hasSize(2);
		assertThat(receiver.answered).containsExactly(401, 200);
		assertThat(unauthorized).hasValue(1);

		// an integrator that keeps answering 401: one refetch per attempt, then the usual retries
		TokenEndpoint others = closeAfter(new TokenEndpoint());
		TestReceiver refusing = receiver(r -> 401);
		Map<String, Object> refused = create(refusing, List.of("ORDER_PLACED"), others.auth(others.clientSecret));
		Map<String, Object> failed = awaitDeliveries(refused, (String) placeOrder().get("id"), 1, "FAILED").get(0);
		assertThat(failed.get("attempts")).isEqualTo(5);
		assertThat(failed.get("lastResponseCode")).isEqualTo(401);
		assertThat(refusing.requests).hasSize(10);
		assertThat(others.issued).hasSize(6);
	}

	@Test
	void aTokenEndpointRefusingOurCredentialsFailsTheAttemptWithItsErrorCodeOnly() throws Exception {
		TokenEndpoint tokens = closeAfter(new TokenEndpoint());
		TestReceiver receiver = receiver(r -> 200);
		String wrong = "wrong-" + UUID.randomUUID();
		Map<String, Object> created = create(receiver, List.of("ORDER_PLACED"), tokens.auth(wrong));
		String orderId = (String) placeOrder().get("id");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries(created, orderId).stream().anyMatch(d -> d.get("lastError") != null));
		Map<String, Object> delivery = deliveries(created, orderId).get(0);
		assertThat((String) delivery.get("lastError")).isEqualTo("Token request failed (HTTP 401)");
		assertThat(receiver.requests).isEmpty();
	}

}
