package io.ordergraph.session;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** A guest gets their own table and the visible catalog, and nothing else. */
class SessionAccessTests extends SessionTest {

	private static void refused(GraphQlTester.Response response, ErrorType... types) {
		response.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty()
				.allSatisfy(e -> assertThat(e.getErrorType()).isIn((Object[]) types)));
	}

	/** A lookup of something the guest may not see answers null, or FORBIDDEN for a field guests may not use. */
	private static void hidden(GraphQlTester.Response response, String field) {
		response.errors()
			.filter(e -> e.getErrorType() == ErrorType.FORBIDDEN)
			.verify()
			.path(field)
			.valueIsNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void aGuestOfOneTableCanNeitherSeeNorOrderIntoAnother() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_SESSIONS, Permission.MANAGE_ORDERS);
		Map<String, Object> table1 = open(staff, unique("Table 1"));
		Map<String, Object> table2 = open(staff, unique("Table 2"));
		String table2Id = (String) table2.get("id");
		String product = product(unique("Chips"), "200", "KES", 10, true);
		String guest1Token = joinOk((String) table1.get("joinCode"), "One");
		HttpGraphQlTester guest1 = withToken(guest1Token);
		String guest2 = joinOk((String) table2.get("joinCode"), "Two");
		String table2Order = (String) orderOk(withToken(guest2), null, product, 1).get("id");

		guest1.document("query($id: ID!) { orderSession(id: $id) { id } node(id: $id) { id } }")
			.variable("id", table2Id)
			.execute()
			.path("orderSession")
			.valueIsNull()
			.path("node")
			.valueIsNull();
		refused(order(guest1, table2Id, product, 1), ErrorType.NOT_FOUND);
		hidden(guest1.document("query($id: ID!) { order(id: $id) { id } }").variable("id", table2Order).execute(),
				"order");
		StepVerifier.create(webSocket(guest1Token).document(EVENTS).variable("id", table2Id).executeSubscription().toFlux())
			.expectError()
			.verify(TIMEOUT);
		// their own table: visible, without the staff fields
		Map<String, Object> own = guest1
			.document("{ me { roles permissions orderSession { id label joinCode joinUrl qrCode { svg } guests { name } } } }")
			.execute()
			.path("me")
			.entity(MAP)
			.get();
		assertThat(own).containsEntry("roles", List.of("guest")).containsEntry("permissions", List.of());
		assertThat((Map<String, Object>) own.get("orderSession")).containsEntry("id", table1.get("id"))
			.containsEntry("joinCode", null)
			.containsEntry("joinUrl", null)
			.containsEntry("qrCode", null)
			.containsEntry("guests", List.of(Map.of("name", "One")));
		// the visible catalog, yes
		guest1.document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", product)
			.execute()
			.path("node.id")
			.entity(String.class)
			.isEqualTo(product);
	}

	@Test
	void aGuestReadsNoCustomerOrStaffData() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_SESSIONS);
		Shopper shopper = shopper();
		String product = product(unique("Tea"), "100", "KES", 10, true);
		String shopperOrder = shopper.tester()
			.document("mutation($p: ID!) { placeOrder(input: {lines: [{productId: $p, quantity: 1}]}) { order { id } } }")
			.variable("p", product)
			.execute()
			.path("placeOrder.order.id")
			.entity(String.class)
			.get();
		String guestToken = joinOk((String) open(staff, unique("Table")).get("joinCode"), "Guest");
		HttpGraphQlTester guest = withToken(guestToken);

		refused(guest.document("{ customers(first: 5) { totalCount } }").execute(), ErrorType.FORBIDDEN);
		refused(guest.document("{ employees(first: 5) { totalCount } }").execute(), ErrorType.FORBIDDEN);
		refused(guest.document("{ orders(first: 5) { totalCount } }").execute(), ErrorType.FORBIDDEN);
		refused(guest.document("{ orderSessions(first: 5) { totalCount } }").execute(), ErrorType.FORBIDDEN);
		refused(guest.document("{ pendingFulfilmentCount }").execute(), ErrorType.FORBIDDEN);
		hidden(guest.document("query($id: ID!) { customer(id: $id) { name } }")
			.variable("id", shopper.customerId())
			.execute(), "customer");
		hidden(guest.document("query($id: ID!) { order(id: $id) { id } }").variable("id", shopperOrder).execute(),
				"order");
		refused(guest.document("mutation($p: ID!) { placeOrder(input: {lines: [{productId: $p, quantity: 1}]}) { order { id } } }")
			.variable("p", product)
			.execute(), ErrorType.FORBIDDEN);
		refused(guest.document("mutation { openOrderSession(input: {label: \"Mine\"}) { session { id } } }").execute(),
				ErrorType.FORBIDDEN);
		guest.document("{ me { customer { id } } }").execute().path("me.customer").valueIsNull();
		StepVerifier.create(webSocket(guestToken).document("subscription { orderSessionBoard { type } }")
			.executeSubscription()
			.toFlux())
			.expectError()
			.verify(TIMEOUT);
	}

	@Test
	void customersAndStaffWithoutPermissionSeeNoSession() {
		String sessionId = (String) open(staff(Permission.MANAGE_SESSIONS), unique("Table")).get("id");
		for (HttpGraphQlTester outsider : List.of(shopper().tester(), staff(), staff(Permission.MANAGE_PRODUCTS))) {
			outsider.document("query($id: ID!) { orderSession(id: $id) { id } node(id: $id) { id } }")
				.variable("id", sessionId)
				.execute()
				.path("orderSession")
				.valueIsNull()
				.path("node")
				.valueIsNull();
			refused(outsider.document("{ orderSessions(first: 5) { totalCount } }").execute(), ErrorType.FORBIDDEN);
		}
		anonymous().document("query($id: ID!) { orderSession(id: $id) { id } }")
			.variable("id", sessionId)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED)));
		// a waiter (MANAGE_ORDERS) sees the session, not its join code
		staff(Permission.MANAGE_ORDERS).document("query($id: ID!) { orderSession(id: $id) { id joinCode qrCode { svg } } }")
			.variable("id", sessionId)
			.execute()
			.path("orderSession.id")
			.entity(String.class)
			.isEqualTo(sessionId)
			.path("orderSession.joinCode")
			.valueIsNull()
			.path("orderSession.qrCode")
			.valueIsNull();
	}

}
