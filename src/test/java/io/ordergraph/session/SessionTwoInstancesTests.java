package io.ordergraph.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import io.ordergraph.JwksTestIssuer;
import io.ordergraph.Replicas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas sharing one PostgreSQL: a guest token issued by one is accepted by the other (the signing keys live in
 * the database), and session events made on one reach subscribers on the other live (NOTIFY; the poll is 30 s).
 */
class SessionTwoInstancesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String MANAGER = "manager-" + UUID.randomUUID();

	private static EmbeddedPostgres postgres;

	private static JwksTestIssuer issuer;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void start() throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "embedded-pg", "session-replicas-" + UUID.randomUUID()));
		postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
		issuer = new JwksTestIssuer();
		first = instance();
		second = instance();
	}

	private static ConfigurableApplicationContext instance() {
		return Replicas.start(postgres, "postgres", issuer, MANAGER, "--ordergraph.events.poll-interval=30s",
				"--ordergraph.demo-data.enabled=false");
	}

	@AfterAll
	static void stop() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { second, first, issuer, postgres }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return Replicas.port(context);
	}

	private static HttpGraphQlTester http(ConfigurableApplicationContext context, String token) {
		return Replicas.http(context, token, TIMEOUT);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static SessionTest.Live events(ConfigurableApplicationContext context, String token, String sessionId,
			String after) {
		WebSocketGraphQlTester tester = Replicas.webSocket(context, token, TIMEOUT);
		return new SessionTest.Live((Flux) tester.document(SessionTest.EVENTS)
			.variable("id", sessionId)
			.variable("after", after)
			.executeSubscription()
			.toFlux("orderSessionEvents", Map.class));
	}

	@Test
	void guestTokensAndSessionEventsWorkAcrossReplicas() {
		String manager = issuer.token(MANAGER, List.of("staff"));
		String product = http(first, manager)
			.document("mutation { createProduct(input: {name: \"Replicated\", price: {amount: \"10\", currency: \"KES\"}, stock: 10}) { product { id } } }")
			.execute()
			.path("createProduct.product.id")
			.entity(String.class)
			.get();
		Map<String, Object> session = SessionTest.open(http(first, manager), "Table " + UUID.randomUUID());
		String sessionId = (String) session.get("id");
		String start = http(second, manager).document("{ latestEventCursor }")
			.execute()
			.path("latestEventCursor")
			.entity(String.class)
			.get();
		try (SessionTest.Live onSecond = events(second, manager, sessionId, start)) {
			// joined through the first replica: the subscriber on the second sees it live
			GraphQlTester.Response joined = SessionTest.join(http(first, null), (String) session.get("joinCode"), "Eve");
			String guest = joined.path("joinOrderSession.token").entity(String.class).get();
			onSecond.await("GUEST_JOINED", e -> "Eve".equals(e.get("guestName")));
			onSecond.await("SESSION_VERIFIED");

			// the token the first replica signed works on the second
			http(second, guest).document("{ me { roles orderSession { id state } } }")
				.execute()
				.path("me.orderSession.id")
				.entity(String.class)
				.isEqualTo(sessionId);
			Map<String, Object> order = SessionTest.orderOk(http(second, guest), null, product, 1);
			onSecond.await("ORDER_PLACED", e -> order.get("number").equals(SessionTest.orderNumber(e)));

			// closed on the first replica: the token is dead on the second too
			SessionTest.close(http(first, manager), sessionId);
			onSecond.await("SESSION_CLOSED");
			SessionTest.refusedAsInvalid(port(second), guest);
		}
	}

}
