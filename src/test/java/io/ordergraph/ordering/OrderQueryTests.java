package io.ordergraph.ordering;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.SqlStatementCounter;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

class OrderQueryTests extends OrderingTest {

	// language=GraphQL
	private static final String LIST = """
			query($filter: OrderFilter, $first: Int, $after: String) {
			  orders(filter: $filter, first: $first, after: $after) {
			    totalCount pageInfo { hasNextPage endCursor } edges { node { id number status customer { name } } }
			  }
			}""";

	private List<String> ids(HttpGraphQlTester tester, Map<String, Object> filter) {
		return tester.document(LIST)
			.variable("filter", filter)
			.variable("first", 100)
			.execute()
			.path("orders.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

	@Test
	void customersSeeOnlyTheirOwnOrdersAndStaffSeeAll() {
		String product = product(unique("Bun"), "20", 100);
		Shopper alice = shopper();
		Shopper bob = shopper();
		String a1 = id(placeOk(alice.tester(), List.of(line(product, 1))));
		String a2 = id(placeOk(alice.tester(), List.of(line(product, 2))));
		String b1 = id(placeOk(bob.tester(), List.of(line(product, 1))));

		assertThat(ids(alice.tester(), null)).containsExactly(a2, a1); // newest first
		assertThat(ids(bob.tester(), null)).containsExactly(b1);
		assertThat(ids(alice.tester(), Map.of("customerId", bob.customerId()))).isEmpty();
		assertThat(ids(orderManager(), Map.of("search", alice.name()))).containsExactly(a2, a1);

		String byId = "query($id: ID!) { order(id: $id) { id } node(id: $id) { id } }";
		bob.tester().document(byId).variable("id", a1).execute().errors().verify().path("order").valueIsNull()
			.path("node").valueIsNull();
		bob.tester()
			.document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", a1)
			.execute()
			.path("node")
			.valueIsNull();
		orderManager().document(byId).variable("id", a1).execute().path("node.id").entity(String.class).isEqualTo(a1);
		expectError(anonymous().document(LIST).execute(), ErrorType.UNAUTHORIZED);
		expectError(staff(Permission.MANAGE_PRODUCTS).document(LIST).execute(), ErrorType.FORBIDDEN);
		assertThat(ids(customer(), null)).isEmpty(); // signed in, not registered: nothing to see
	}

	@Test
	void staffFilterByStatusCustomerTimeAndText() {
		String product = product(unique("Chips"), "20", 100);
		Shopper shopper = shopper();
		OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
		String placed = id(placeOk(shopper.tester(), List.of(line(product, 1))));
		Map<String, Object> acceptedOrder = placeOk(shopper.tester(), List.of(line(product, 1)));
		String accepted = id(acceptedOrder);
		ok(change(orderManager(), "acceptOrder", "ChangeOrderStatusInput", Map.of("id", accepted)), "acceptOrder");

		Map<String, Object> mine = Map.of("customerId", shopper.customerId());
		assertThat(ids(orderManager(), mine)).containsExactly(accepted, placed);
		assertThat(ids(orderManager(), Map.of("customerId", shopper.customerId(), "statuses", List.of("ACCEPTED"))))
			.containsExactly(accepted);
		assertThat(ids(orderManager(), Map.of("customerId", shopper.customerId(), "placedFrom", before.toString(),
				"placedTo", OffsetDateTime.now().plusMinutes(1).toString())))
			.containsExactly(accepted, placed);
		assertThat(ids(orderManager(), Map.of("customerId", shopper.customerId(), "placedTo", before.toString())))
			.isEmpty();
		assertThat(ids(orderManager(), Map.of("search", ((String) acceptedOrder.get("number")).toLowerCase())))
			.containsExactly(accepted);
	}

	@Test
	void ordersArePagedWithCursors() {
		String product = product(unique("Gum"), "5", 100);
		Shopper shopper = shopper();
		List<String> placed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			placed.add(0, id(placeOk(shopper.tester(), List.of(line(product, 1)))));
		}
		var first = shopper.tester().document(LIST).variable("first", 2).execute();
		first.path("orders.totalCount").entity(Integer.class).isEqualTo(5);
		first.path("orders.edges[*].node.id").entityList(String.class).containsExactly(placed.get(0), placed.get(1));
		String cursor = first.path("orders.pageInfo.endCursor").entity(String.class).get();
		shopper.tester()
			.document(LIST)
			.variable("first", 10)
			.variable("after", cursor)
			.execute()
			.path("orders.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(placed.get(2), placed.get(3), placed.get(4));
		expectError(shopper.tester().document(LIST).variable("first", 101).execute(), ErrorType.BAD_REQUEST);
	}

	@Test
	void pendingFulfilmentCountsOpenOrdersForStaffOnly() {
		String product = product(unique("Donut"), "40", 100);
		Shopper shopper = shopper();
		String query = "{ pendingFulfilmentCount }";
		int before = orderManager().document(query).execute().path("pendingFulfilmentCount").entity(Integer.class).get();
		String first = id(placeOk(shopper.tester(), List.of(line(product, 1))));
		placeOk(shopper.tester(), List.of(line(product, 1)));
		orderManager().document(query).execute().path("pendingFulfilmentCount").entity(Integer.class).isEqualTo(before + 2);
		ok(change(orderManager(), "rejectOrder", "RejectOrderInput", Map.of("id", first, "reason", "No")), "rejectOrder");
		orderManager().document(query).execute().path("pendingFulfilmentCount").entity(Integer.class).isEqualTo(before + 1);
		expectError(shopper.tester().document(query).execute(), ErrorType.FORBIDDEN);
	}

	@Test
	void aPageOfOrdersCostsTheSameNumberOfStatementsWhateverItsSize() {
		String product = product(unique("Nut"), "3", 1000);
		String other = product(unique("Bolt"), "4", 1000);
		Shopper shopper = shopper();
		for (int i = 0; i < 12; i++) {
			placeOk(shopper.tester(), List.of(line(product, 1), line(other, 2)));
		}
		String query = """
				query($first: Int) { orders(first: $first) { edges { node {
				  number customer { name code } lines { productName product { name price { amount } } amount { amount } }
				  statusHistory { status } invoice { number lines { description } total { amount } }
				} } } }""";
		long small = statements(shopper.tester(), query, 2);
		long large = statements(shopper.tester(), query, 12);
		assertThat(large).isEqualTo(small);
		assertThat(small).isLessThanOrEqualTo(12);
	}

	private long statements(HttpGraphQlTester tester, String query, int first) {
		long before = SqlStatementCounter.count();
		tester.document(query).variable("first", first).execute().path("orders.edges").entityList(Object.class).hasSize(first);
		return SqlStatementCounter.count() - before;
	}

	@Test
	void invoiceAsGraphQLAndAsPdfForTheSameCallers() throws Exception {
		String product = product(unique("Coffee"), "250", 10);
		Shopper shopper = shopper();
		Map<String, Object> order = placeOk(shopper.tester(), List.of(line(product, 2)));
		String number = (String) order.get("number");
		var invoice = shopper.tester()
			.document("""
					query($id: ID!) { order(id: $id) { invoice {
					  number issueDate seller { name } customer { name phone }
					  lines { description quantity unitPrice { amount } amount { amount } }
					  subtotal { amount currency } taxRate tax { amount } total { amount }
					} } }""")
			.variable("id", id(order))
			.execute();
		invoice.path("order.invoice.number").entity(String.class).isEqualTo("INV-" + number.substring(3));
		invoice.path("order.invoice.seller.name").entity(String.class).isEqualTo("Ordergraph demo shop");
		invoice.path("order.invoice.customer.name").entity(String.class).satisfies(n -> assertThat(n).startsWith(shopper.name()));
		invoice.path("order.invoice.lines[0].quantity").entity(Integer.class).isEqualTo(2);
		invoice.path("order.invoice.total.amount").entity(String.class).isEqualTo("580.00");
		invoice.path("order.invoice.taxRate").entity(String.class).isEqualTo("0.1600");

		WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
		String uri = "/orders/" + id(order) + "/invoice.pdf";
		byte[] pdf = http.get()
			.uri(uri)
			.header("Authorization", "Bearer " + shopper.token())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("application/pdf")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
		assertThat(text).contains("Invoice INV-" + number.substring(3)).contains(shopper.name()).contains("580.00 KES");

		http.get().uri(uri).exchange().expectStatus().isUnauthorized();
		http.get()
			.uri(uri)
			.header("Authorization", "Bearer " + shopper().token())
			.exchange()
			.expectStatus()
			.isNotFound();
		http.get()
			.uri("/orders/garbage/invoice.pdf")
			.header("Authorization", "Bearer " + shopper.token())
			.exchange()
			.expectStatus()
			.isBadRequest();
		http.get()
			.uri(uri)
			.header("Authorization", "Bearer " + staffToken(Permission.MANAGE_ORDERS))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aLinesProductHiddenSinceIsNullForItsCustomerOnEveryPathButNotForProductManagers() {
		String product = product(unique("Seasonal"), "30", 10);
		Shopper shopper = shopper();
		String orderId = id(placeOk(shopper.tester(), List.of(line(product, 1))));
		productManager().document("mutation($id: ID!) { setProductVisibility(input: {id: $id, visible: false}) { errors { code } } }")
			.variable("id", product)
			.execute()
			.path("setProductVisibility.errors")
			.entityList(Object.class)
			.hasSize(0);
		// the page prefetches its lines' products; a single order reaches them through the batch loader
		String page = "{ orders(first: 5) { edges { node { id lines { product { id } } } } } }";
		String single = "query($id: ID!) { order(id: $id) { lines { product { id } } } }";
		shopper.tester().document(page).execute().path("orders.edges[0].node.id").entity(String.class).isEqualTo(orderId)
			.path("orders.edges[0].node.lines[0].product").valueIsNull();
		shopper.tester().document(single).variable("id", orderId).execute()
			.path("order.lines[0].product").valueIsNull();
		HttpGraphQlTester both = staff(Permission.MANAGE_ORDERS, Permission.MANAGE_PRODUCTS);
		both.document(single).variable("id", orderId).execute()
			.path("order.lines[0].product.id").entity(String.class).isEqualTo(product);
		both.document("query($c: ID!) { orders(first: 5, filter: {customerId: $c}) { edges { node { lines { product { id } } } } } }")
			.variable("c", shopper.customerId())
			.execute()
			.path("orders.edges[0].node.lines[0].product.id")
			.entity(String.class)
			.isEqualTo(product);
	}

}
