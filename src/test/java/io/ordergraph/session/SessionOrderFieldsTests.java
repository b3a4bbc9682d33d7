package io.ordergraph.session;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ordergraph.platform.security.Permission;

/** Fields of a table session's order that customers' orders fill in, as the staff panel's orders view reads them. */
class SessionOrderFieldsTests extends SessionTest {

	@Test
	void aSessionOrderHasNoCustomerAndNamesItsSession() {
		String staffToken = staffToken(Permission.MANAGE_SESSIONS, Permission.MANAGE_ORDERS);
		String label = unique("Table");
		String sessionId = (String) open(withToken(staffToken), label).get("id");
		String tea = product(unique("Tea"), "100.00", "KES", 5, true);
		Map<String, Object> order = orderOk(withToken(staffToken), sessionId, tea, 1);
		withToken(staffToken).document("query($id: ID!) { order(id: $id) { number customer { name } session { label } } }")
			.variable("id", order.get("id"))
			.execute()
			.errors()
			.verify()
			.path("order.customer")
			.valueIsNull()
			.path("order.session.label")
			.entity(String.class)
			.isEqualTo(label);
	}

}
