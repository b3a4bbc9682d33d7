package io.ordergraph.ordering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import io.ordergraph.SqlStatementCounter;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live order event is answered once for every group of subscriptions that would get the same answer: staff panels
 * with the same document and permissions read the order once between them, not once each; callers shown different
 * data, or documents that select differently, are answered apart.
 */
class SharedOrderEventsTests extends OrderingTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// language=GraphQL
	private static final String PANEL = """
			subscription($after: String) {
			  orderEvents(after: $after) {
			    cursor type orderNumber status
			    order { id number status total { amount currency } customer { name }
			      lines { productName quantity unitPrice { amount } product { name } } }
			  }
			}""";

	/** One event of one subscription, as its subscriber received it. */
	private record Received(String subscriber, Map<String, Object> event) {
	}

	private final List<Disposable> open = new ArrayList<>();

	private final List<WebSocketGraphQlTester> sockets = new ArrayList<>();

	private final Queue<Received> received = new ConcurrentLinkedQueue<>();

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void subscribe(String subscriber, WebSocketGraphQlTester socket, String document, Map<String, Object> vars) {
		GraphQlTester.Request<?> request = socket.document(document);
		vars.forEach(request::variable);
		Flux<Map<String, Object>> events = (Flux) request.executeSubscription().toFlux("orderEvents", Map.class);
		open.add(events.subscribe(event -> received.add(new Received(subscriber, event))));
	}

	/** Each subscription's event about this order, of this type. */
	private List<Received> receivedAbout(String number, String type) {
		return received.stream()
			.filter(r -> number.equals(r.event().get("orderNumber")) && type.equals(r.event().get("type")))
			.toList();
	}

	private String number(Map<String, Object> order) {
		return (String) order.get("number");
	}

	private String latestCursor() {
		return manager().document("{ latestEventCursor }").execute().path("latestEventCursor").entity(String.class)
			.get();
	}

	/**
	 * Places an order and waits until every one of {@code subscriptions} (resumed from a cursor taken before they were
	 * made, so that none misses it) has its PLACED event: from then on each is registered for live events.
	 */
	private void awaitLive(int subscriptions, String product) {
		String number = number(placeOk(shopper().tester(), List.of(line(product, 1))));
		await().atMost(TIMEOUT).until(() -> receivedAbout(number, "PLACED").size() == subscriptions);
	}

	private void closeAll() {
		open.forEach(Disposable::dispose);
		sockets.forEach(socket -> socket.stop().block(TIMEOUT));
	}

	@Test
	void fiftyStaffPanelsReadTheOrderOnceBetweenThemAndAllGetTheSameAnswer() {
		int subscriptions = 50;
		String product = product(unique("Chai"), "80", 1000);
		String cursor = latestCursor();
		try {
			for (int caller = 0; caller < 5; caller++) {
				WebSocketGraphQlTester socket = webSocket(staffToken(Permission.MANAGE_ORDERS));
				sockets.add(socket);
				for (int i = 0; i < subscriptions / 5; i++) {
					subscribe("panel " + caller + "." + i, socket, PANEL, Map.of("after", cursor));
				}
			}
			awaitLive(subscriptions, product);

			Shopper shopper = shopper();
			long before = SqlStatementCounter.count();
			String number = number(placeOk(shopper.tester(), List.of(line(product, 2))));
			await().atMost(TIMEOUT).until(() -> receivedAbout(number, "PLACED").size() == subscriptions);
			// placing the order, and reading it with its customer and lines once: each panel reading it on its own
			// would be three statements per panel, 150
			assertThat(SqlStatementCounter.count() - before).isLessThan(subscriptions);

			List<Received> answers = receivedAbout(number, "PLACED");
			assertThat(answers).extracting(Received::subscriber).doesNotHaveDuplicates();
			assertThat(answers).extracting(Received::event).containsOnly(answers.get(0).event());
			@SuppressWarnings("unchecked")
			Map<String, Object> order = (Map<String, Object>) answers.get(0).event().get("order");
			assertThat(order).containsEntry("number", number);
			assertThat(order.get("lines")).asList().hasSize(1);
		}
		finally {
			closeAll();
		}
	}

	/** An order of one line, whose product is then hidden from all but product managers. */
	private Map<String, Object> anOrderOfAHiddenProduct() {
		String hidden = product(unique("Off-menu"), "30", 100);
		Map<String, Object> placed = placeOk(shopper().tester(), List.of(line(hidden, 1)));
		productManager().document("mutation($id: ID!) { setProductVisibility(input: {id: $id, visible: false}) "
				+ "{ errors { code } } }")
			.variable("id", hidden)
			.execute()
			.path("setProductVisibility.errors")
			.entityList(Object.class)
			.hasSize(0);
		return placed;
	}

	/**
	 * Accepts the order, waits for the STATUS_CHANGED event of each of {@code subscriptions}, and checks that its one
	 * line's product was shown to the subscribers whose name starts with {@code shownTo}, and to no one else.
	 */
	private void acceptAndExpectTheProductShownOnlyTo(Map<String, Object> placed, int subscriptions, String shownTo) {
		String number = number(placed);
		ok(change(orderManager(), "acceptOrder", "ChangeOrderStatusInput", Map.of("id", id(placed))), "acceptOrder");
		await().atMost(TIMEOUT).until(() -> receivedAbout(number, "STATUS_CHANGED").size() == subscriptions);
		for (Received answer : receivedAbout(number, "STATUS_CHANGED")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> order = (Map<String, Object>) answer.event().get("order");
			@SuppressWarnings("unchecked")
			Map<String, Object> line = ((List<Map<String, Object>>) order.get("lines")).get(0);
			assertThat(line.get("product") != null).as(answer.subscriber())
				.isEqualTo(answer.subscriber().startsWith(shownTo));
		}
	}

	@Test
	void staffWithOtherPermissionsAreAnsweredApart() {
		Map<String, Object> placed = anOrderOfAHiddenProduct();
		String cursor = latestCursor();
		try {
			// an order manager sees the hidden product's line but not the product; a product manager sees both
			for (int caller = 0; caller < 3; caller++) {
				WebSocketGraphQlTester orders = webSocket(staffToken(Permission.MANAGE_ORDERS));
				WebSocketGraphQlTester products = webSocket(
						staffToken(Permission.MANAGE_ORDERS, Permission.MANAGE_PRODUCTS));
				sockets.add(orders);
				sockets.add(products);
				for (int i = 0; i < 5; i++) {
					subscribe("orders " + caller + "." + i, orders, PANEL, Map.of("after", cursor));
					subscribe("products " + caller + "." + i, products, PANEL, Map.of("after", cursor));
				}
			}
			awaitLive(30, product(unique("Water"), "5", 100));
			acceptAndExpectTheProductShownOnlyTo(placed, 30, "products");
		}
		finally {
			closeAll();
		}
	}

	@Test
	void aPermissionRevokedWhileSubscribedIsNoLongerUsedNorShared() {
		Map<String, Object> placed = anOrderOfAHiddenProduct();
		String cursor = latestCursor();
		// two product managers subscribe alike; one of them then loses the permission to see hidden products
		String keeps = newSubject("keeps");
		String loses = newSubject("loses");
		try {
			for (String subject : List.of(keeps, loses)) {
				employees.ensure(subject, "Panel " + subject, null,
						EnumSet.of(Permission.MANAGE_ORDERS, Permission.MANAGE_PRODUCTS));
				WebSocketGraphQlTester socket = webSocket(token(subject, Caller.ROLE_STAFF));
				sockets.add(socket);
				for (int i = 0; i < 5; i++) {
					subscribe(subject + " " + i, socket, PANEL, Map.of("after", cursor));
				}
			}
			awaitLive(10, product(unique("Water"), "5", 100));
			String employee = GlobalId.encode("Employee", employees.findBySubject(loses).orElseThrow().getId());
			manager().document("mutation($input: ChangePermissionsInput!) { revokePermissions(input: $input) "
					+ "{ errors { code } } }")
				.variable("input", Map.of("id", employee, "permissions", List.of("MANAGE_PRODUCTS")))
				.execute()
				.path("revokePermissions.errors")
				.entityList(Object.class)
				.hasSize(0);
			acceptAndExpectTheProductShownOnlyTo(placed, 10, keeps);
		}
		finally {
			closeAll();
		}
	}

	@Test
	void variablesOfTheSelectionAreAnsweredApart() {
		// language=GraphQL
		String document = """
				subscription($withOrder: Boolean!, $after: String) {
				  orderEvents(after: $after) { type orderNumber order @include(if: $withOrder) { number } }
				}""";
		String cursor = latestCursor();
		WebSocketGraphQlTester socket = webSocket(staffToken(Permission.MANAGE_ORDERS));
		sockets.add(socket);
		try {
			for (int i = 0; i < 5; i++) {
				subscribe("with " + i, socket, document, Map.of("withOrder", true, "after", cursor));
				subscribe("without " + i, socket, document, Map.of("withOrder", false, "after", cursor));
			}
			String product = product(unique("Mandazi"), "20", 100);
			awaitLive(10, product);
			String number = number(placeOk(shopper().tester(), List.of(line(product, 1))));
			await().atMost(TIMEOUT).until(() -> receivedAbout(number, "PLACED").size() == 10);
			for (Received answer : receivedAbout(number, "PLACED")) {
				assertThat(answer.event().containsKey("order")).as(answer.subscriber())
					.isEqualTo(answer.subscriber().startsWith("with "));
			}
		}
		finally {
			closeAll();
		}
	}

}
