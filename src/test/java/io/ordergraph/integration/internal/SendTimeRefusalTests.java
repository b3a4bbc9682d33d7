package io.ordergraph.integration.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;

import io.ordergraph.ShopTest;
import io.ordergraph.integration.IntegrationProperties;
import io.ordergraph.integration.Integrator;
import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.outbox.Outcome;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint rules are applied again right before each send, not only at registration: a name that resolves to a
 * loopback address is refused (FAILED, nothing sent) by a delivery queue configured as production's default, and so
 * is a private OAuth2 token endpoint. The queue is the real one, built here without private addresses allowed.
 */
class SendTimeRefusalTests extends ShopTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Secrets secrets;

	@Autowired
	IntegrationProperties properties;

	@Autowired
	OrderEvents orderEvents;

	private HttpServer server;

	private final AtomicInteger hits = new AtomicInteger();

	@BeforeEach
	void startAServerOnLoopback() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			hits.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	private DeliveryQueue productionQueue() {
		return new DeliveryQueue(jdbc, secrets, new Endpoints(true, false), properties, orderEvents,
				new IntegratorTokens(properties.connectTimeout(), properties.readTimeout(),
						properties.tokenRefreshMargin()));
	}

	/** An integrator (accepted: embedded mode allows private addresses) and one delivery the worker leaves alone. */
	private UUID delivery(String endpointUrl, Map<String, Object> auth) {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("name", "Refused " + UUID.randomUUID(),
				"endpointUrl", endpointUrl, "events", List.of("ORDER_LINES_CHANGED"), "active", false));
		if (auth != null) {
			input.put("auth", auth);
		}
		Map<String, Object> payload = staff(Permission.MANAGE_INTEGRATIONS)
			.document("mutation($input: CreateIntegratorInput!) { createIntegrator(input: $input) {"
					+ " integrator { id } errors { code message } } }")
			.variable("input", input)
			.execute()
			.path("createIntegrator")
			.entity(MAP)
			.get();
		assertThat((List<?>) payload.get("errors")).isEmpty();
		UUID integrator = GlobalId.decode((String) ((Map<?, ?>) payload.get("integrator")).get("id"),
				Integrator.NODE_TYPE);
		UUID order = GlobalId.decode(shopper().tester()
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }")
			.variable("input", Map.of("lines", List.of(Map.of("productId",
					product("Tea " + UUID.randomUUID(), "120.00", "KES", 10, true), "quantity", 1))))
			.execute()
			.path("placeOrder.order.id")
			.entity(String.class)
			.get(), "Order");
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		// FAILED, so that the running worker never picks it up; deliver() is called directly below
		jdbc.update("insert into integrator_delivery (id, integrator_id, order_id, ordering_key, event_id, event_type,"
				+ " body, status, attempts, next_attempt_at, created_at, updated_at) values (?, ?, ?, ?, ?,"
				+ " 'ORDER_LINES_CHANGED', '{}', 'FAILED', 5, ?, ?, ?)", id, integrator, order, integrator + "/" + order,
				UUID.randomUUID(), now, now, now);
		return id;
	}

	@Test
	void aNameResolvingToLoopbackIsRefusedAtSendTime() {
		UUID id = delivery("http://localhost:" + server.getAddress().getPort() + "/hook", null);
		Outcome outcome = productionQueue().deliver(id, 1);
		assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
			assertThat(refused.status()).isEqualTo("FAILED");
			assertThat(refused.error()).contains("loopback");
		});
		assertThat(hits).hasValue(0);
	}

	@Test
	void aPrivateTokenEndpointIsRefusedAtSendTime() {
		UUID id = delivery("http://93.184.215.14/hook", Map.of("kind", "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl",
				"http://localhost:" + server.getAddress().getPort() + "/token", "clientId", "c", "clientSecret", "s"));
		Outcome outcome = productionQueue().deliver(id, 1);
		assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class,
				refused -> assertThat(refused.error()).startsWith("Token endpoint refused"));
		assertThat(hits).hasValue(0);
	}

}
