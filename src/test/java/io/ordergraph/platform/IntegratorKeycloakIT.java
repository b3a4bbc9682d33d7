package io.ordergraph.platform;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.ordergraph.ShopTest;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OAuth2 client credentials towards an integrator against a real Keycloak (issue 12): a confidential client with a
 * service account, created at runtime in the test realm through the admin API (never in the shipped realm file),
 * is registered as an integrator's credentials. The integrator (a receiver on 127.0.0.1) gets
 * {@code Authorization: Bearer <token>}; the test verifies that token with Keycloak's JWKS (signature, issuer, expiry)
 * and its introspection endpoint, and sees one token serve several deliveries. Ordergraph itself runs with its dev
 * token issuer here: only the integrator side talks to Keycloak.
 */
@EnabledIf(value = "keycloakDistributionPresent",
		disabledReason = "no Keycloak distribution under target/keycloak (see the message above)")
class IntegratorKeycloakIT extends ShopTest {

	private static final String REALM = KeycloakIdentityIT.REALM;

	private static final String CLIENT = "ordergraph-integrator-it";

	private static final String SECRET = UUID.randomUUID().toString();

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static KeycloakServer keycloak;

	private static boolean clientCreated;

	private HttpServer receiver;

	private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();

	static boolean keycloakDistributionPresent() {
		return KeycloakIdentityIT.keycloakDistributionPresent();
	}

	@BeforeAll
	static void launchKeycloak() throws Exception {
		assumeTrue(KeycloakServer.available(KeycloakServer.home()), KeycloakIdentityIT::skipReason);
		keycloak = KeycloakServer.shared(); // the one Keycloak of the *IT classes
		clientCreated = false;
	}

	@BeforeEach
	void keycloakReadyAndAReceiver() throws Exception {
		synchronized (IntegratorKeycloakIT.class) {
			keycloak.awaitReady(Duration.ofSeconds(Long.getLong("keycloak.start-timeout-seconds", 300)));
			if (!clientCreated) {
				keycloak.adminCreate("/admin/realms/" + REALM + "/clients",
						Map.of("clientId", CLIENT, "enabled", true, "publicClient", false, "secret", SECRET,
								"serviceAccountsEnabled", true, "standardFlowEnabled", false,
								"directAccessGrantsEnabled", false));
				clientCreated = true;
			}
		}
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		receiver.createContext("/hook", exchange -> {
			exchange.getRequestBody().readAllBytes();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			authorizations.add(authorization == null ? "" : authorization);
			exchange.sendResponseHeaders(authorization != null && authorization.startsWith("Bearer ") ? 204 : 401, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		if (receiver != null) {
			receiver.stop(0);
		}
	}

	@Test
	void theIntegratorReceivesAKeycloakTokenThatServesSeveralDeliveries() {
		HttpGraphQlTester admin = staff(Permission.MANAGE_INTEGRATIONS);
		String tokenUrl = keycloak.issuer(REALM) + "/protocol/openid-connect/token";
		Map<String, Object> payload = admin
			.document("mutation($input: CreateIntegratorInput!) { createIntegrator(input: $input) {"
					+ " integrator { id authKind } errors { code message } } }")
			.variable("input", Map.of("name", unique("Keycloak courier"), "endpointUrl",
					"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "events", List.of("ORDER_PLACED"),
					"auth", Map.of("kind", "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl", tokenUrl, "clientId", CLIENT,
							"clientSecret", SECRET)))
			.execute()
			.path("createIntegrator")
			.entity(MAP)
			.get();
		assertThat((List<?>) payload.get("errors")).isEmpty();
		String integratorId = (String) ((Map<?, ?>) payload.get("integrator")).get("id");
		try {
			for (int i = 0; i < 3; i++) {
				placeOrder();
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> authorizations.size() >= 3);
			assertThat(authorizations).hasSize(3).allSatisfy(a -> assertThat(a).startsWith("Bearer "));
			// one token, fetched once, for the three deliveries
			assertThat(authorizations.stream().distinct()).hasSize(1);
			String token = authorizations.peek().substring("Bearer ".length());

			// verified independently of Ordergraph: Keycloak's signing keys, issuer and expiry ...
			Jwt jwt = NimbusJwtDecoder.withIssuerLocation(keycloak.issuer(REALM)).build().decode(token);
			assertThat(jwt.getIssuer()).hasToString(keycloak.issuer(REALM));
			assertThat(jwt.getClaimAsString("azp")).isEqualTo(CLIENT);
			// ... and its introspection: active, issued to our client's service account
			Map<String, Object> introspection = keycloak.post(keycloak.issuer(REALM)
					+ "/protocol/openid-connect/token/introspect",
					Map.of("token", token, "client_id", CLIENT, "client_secret", SECRET));
			assertThat(introspection).containsEntry("active", true).containsEntry("client_id", CLIENT);
			assertThat((String) introspection.get("username")).isEqualTo("service-account-" + CLIENT);

			List<Map<String, Object>> deliveries = admin
				.document("query($i: ID) { integratorDeliveries(integratorId: $i) { edges { node { status attempts } } } }")
				.variable("i", integratorId)
				.execute()
				.path("integratorDeliveries.edges[*].node")
				.entityList(MAP)
				.get();
			// (a first token request that times out on a busy machine costs an attempt, never a second token)
			assertThat(deliveries).hasSize(3).allSatisfy(d -> assertThat(d).containsEntry("status", "DELIVERED"));
		}
		finally {
			admin.document("mutation($input: UpdateIntegratorInput!) { updateIntegrator(input: $input) { errors { code } } }")
				.variable("input", Map.of("id", integratorId, "active", false))
				.execute();
		}
	}

	private void placeOrder() {
		String product = product(unique("Tea"), "120.00", "KES", 10, true);
		shopper().tester()
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } errors { code } } }")
			.variable("input", Map.of("lines", List.of(Map.of("productId", product, "quantity", 1))))
			.execute()
			.path("placeOrder.errors")
			.entityList(Object.class)
			.hasSize(0);
	}

}
