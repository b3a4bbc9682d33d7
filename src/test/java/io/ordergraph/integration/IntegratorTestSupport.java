package io.ordergraph.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.ShopTest;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Receivers, integrators and orders for the integrator tests; pauses its integrators and stops receivers after. */
abstract class IntegratorTestSupport extends ShopTest {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private final List<AutoCloseable> servers = new ArrayList<>();

	private final List<String> integratorIds = new ArrayList<>();

	HttpGraphQlTester admin;

	@BeforeEach
	void signInAsIntegrationsManager() {
		admin = staff(Permission.MANAGE_INTEGRATIONS);
	}

	@AfterEach
	void stopReceiversAndPauseIntegrators() throws Exception {
		for (String id : integratorIds) {
			admin.document("mutation($input: UpdateIntegratorInput!) { updateIntegrator(input: $input) { errors { code } } }")
				.variable("input", Map.of("id", id, "active", false))
				.execute();
		}
		for (AutoCloseable server : servers) {
			server.close();
		}
	}

	<T extends AutoCloseable> T closeAfter(T server) {
		servers.add(server);
		return server;
	}

	TestReceiver receiver(ToIntFunction<TestReceiver.Request> answer) {
		return closeAfter(new TestReceiver(unique("Receiver"), answer));
	}

	/** Registers an integrator for the receiver; answers createIntegrator's payload (with the signing secret). */
	Map<String, Object> create(TestReceiver receiver, List<String> events, Map<String, Object> auth) {
		Map<String, Object> input = new HashMap<>(Map.of("name", receiver.name, "endpointUrl", receiver.url(), "events",
				events));
		if (auth != null) {
			input.put("auth", auth);
		}
		Map<String, Object> payload = admin
			.document("mutation($input: CreateIntegratorInput!) { createIntegrator(input: $input) { signingSecret"
					+ " integrator { id name authKind authHeaderName authTokenUrl authClientId authScope }"
					+ " errors { code message field } } }")
			.variable("input", input)
			.execute()
			.path("createIntegrator")
			.entity(MAP)
			.get();
		assertThat((List<?>) payload.get("errors")).isEmpty();
		integratorIds.add(idOf(payload));
		return payload;
	}

	@SuppressWarnings("unchecked")
	static String idOf(Map<String, Object> created) {
		return (String) ((Map<String, Object>) created.get("integrator")).get("id");
	}

	static String secretOf(Map<String, Object> created) {
		return (String) created.get("signingSecret");
	}

	/** The integrator's deliveries about the order, oldest first. */
	List<Map<String, Object>> deliveries(Map<String, Object> created, String orderId) {
		List<Map<String, Object>> nodes = new ArrayList<>(admin
			.document("query($i: ID, $o: ID) { integratorDeliveries(integratorId: $i, orderId: $o) { edges { node {"
					+ " id status attempts lastResponseCode lastError event } } } }")
			.variable("i", idOf(created))
			.variable("o", orderId)
			.execute()
			.path("integratorDeliveries.edges[*].node")
			.entityList(MAP)
			.get());
		java.util.Collections.reverse(nodes);
		return nodes;
	}

	/** Waits (bounded) until the integrator has {@code count} deliveries about the order, all in {@code status}. */
	List<Map<String, Object>> awaitDeliveries(Map<String, Object> created, String orderId, int count, String status) {
		List<Map<String, Object>> found = new CopyOnWriteArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<Map<String, Object>> nodes = deliveries(created, orderId);
			found.clear();
			found.addAll(nodes);
			return nodes.size() == count && nodes.stream().allMatch(n -> status.equals(n.get("status")));
		});
		return found;
	}

	/** A shopper's order of one product; answers the order's global id and number. */
	Map<String, Object> placeOrder() {
		Shopper shopper = shopper();
		String product = product(unique("Tea"), "120.00", "KES", 10, true);
		return shopper.tester()
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id number } errors { code } } }")
			.variable("input", Map.of("lines", List.of(Map.of("productId", product, "quantity", 1))))
			.execute()
			.path("placeOrder.order")
			.entity(MAP)
			.get();
	}

}
