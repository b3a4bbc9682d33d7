package io.ordergraph.ordering;

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
import reactor.test.StepVerifier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import io.ordergraph.JwksTestIssuer;
import io.ordergraph.Replicas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on two ports sharing one PostgreSQL, as behind a load balancer: changes made through
 * either instance reach subscribers on both (LISTEN/NOTIFY wakes each instance, which reads the shared event log).
 */
class TwoInstancesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static EmbeddedPostgres postgres;

	private static JwksTestIssuer issuer;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private static final String MANAGER = "manager-" + UUID.randomUUID();

	@BeforeAll
	static void start() throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "embedded-pg", "two-instances-" + UUID.randomUUID()));
		postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
		issuer = new JwksTestIssuer();
		first = instance();
		second = instance();
	}

	private static ConfigurableApplicationContext instance() {
		return Replicas.start(postgres, "postgres", issuer, MANAGER, "--ordergraph.events.poll-interval=30s");
	}

	@AfterAll
	static void stop() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { second, first, issuer, postgres }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}


	private static HttpGraphQlTester http(ConfigurableApplicationContext context, String token) {
		return Replicas.http(context, token, TIMEOUT);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Flux<Map<String, Object>> orderEvents(ConfigurableApplicationContext context, String token,
			String after) {
		WebSocketGraphQlTester tester = Replicas.webSocket(context, token, TIMEOUT);
		return (Flux) tester.document("subscription($after: String) { orderEvents(after: $after) { type status orderNumber } }")
			.variable("after", after)
			.executeSubscription()
			.toFlux("orderEvents", Map.class);
	}

	@Test
	void eventsMadeOnOneInstanceReachSubscribersOnTheOther() {
		String managerToken = issuer.token(MANAGER, List.of("staff"));
		String shopperToken = issuer.token("shopper-" + UUID.randomUUID(), List.of("customer"));
		String product = http(first, managerToken)
			.document("mutation { createProduct(input: {name: \"Shared\", price: {amount: \"10\", currency: \"KES\"}, stock: 10}) { product { id } } }")
			.execute()
			.path("createProduct.product.id")
			.entity(String.class)
			.get();
		http(second, shopperToken)
			.document("mutation { registerCustomer(input: {name: \"Two Instances\", phone: \"+254733000999\"}) { errors { code } } }")
			.execute()
			.path("registerCustomer.errors")
			.entityList(Object.class)
			.hasSize(0);
		assertLiveDelivery(first, second, product, managerToken, shopperToken);
		assertLiveDelivery(second, first, product, managerToken, shopperToken);
	}

	/**
	 * Places an order through {@code writer}, subscribes on {@code subscriber} from just before it (the replayed
	 * PLACED proves the subscription is live), then accepts it through {@code writer}: that event can only reach the
	 * subscriber live, through NOTIFY (the safety-net poll is 30 s, beyond the timeout).
	 */
	private void assertLiveDelivery(ConfigurableApplicationContext subscriber, ConfigurableApplicationContext writer,
			String product, String managerToken, String shopperToken) {
		String start = http(subscriber, managerToken).document("{ latestEventCursor }")
			.execute()
			.path("latestEventCursor")
			.entity(String.class)
			.get();
		GraphQlTester.Response placed = http(writer, shopperToken)
			.document("mutation($p: ID!) { placeOrder(input: {lines: [{productId: $p, quantity: 1}]}) { order { id number } } }")
			.variable("p", product)
			.execute();
		String orderId = placed.path("placeOrder.order.id").entity(String.class).get();
		String number = placed.path("placeOrder.order.number").entity(String.class).get();
		StepVerifier.create(orderEvents(subscriber, managerToken, start))
			.assertNext(e -> assertThat(e).containsEntry("type", "PLACED").containsEntry("orderNumber", number))
			.then(() -> http(writer, managerToken)
				.document("mutation($id: ID!) { acceptOrder(input: {id: $id}) { errors { code } } }")
				.variable("id", orderId)
				.execute()
				.path("acceptOrder.errors")
				.entityList(Object.class)
				.hasSize(0))
			.assertNext(e -> assertThat(e).containsEntry("type", "STATUS_CHANGED")
				.containsEntry("status", "ACCEPTED")
				.containsEntry("orderNumber", number))
			.thenCancel()
			.verify(TIMEOUT);
	}

}
