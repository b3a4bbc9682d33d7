package io.ordergraph.notification;

import java.util.List;
import java.util.Map;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.ShopTest;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications in the shared test application, where SMS is switched off (no API key): orders go through and
 * each notification is recorded SKIPPED with the reason, visible to the owner (number masked) and staff.
 */
class NotificationTests extends ShopTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	// language=GraphQL
	private static final String FIELDS = "id channel event recipient message status attempts cost { amount } lastError"
			+ " providerMessageId nextAttemptAt createdAt updatedAt resentFrom { id } order { number }";

	private String placeOrder(HttpGraphQlTester tester) {
		String product = product(unique("Sms product"), "100", "KES", 10, true);
		return tester.document("mutation($p: ID!) { placeOrder(input: {lines: [{productId: $p, quantity: 1}]}) { order { id } errors { code } } }")
			.variable("p", product)
			.execute()
			.path("placeOrder.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("placeOrder.order.id")
			.entity(String.class)
			.get();
	}

	private static List<Map<String, Object>> notifications(GraphQlTester tester, String orderId) {
		return tester.document("query($id: ID!) { order(id: $id) { notifications { " + FIELDS + " } } }")
			.variable("id", orderId)
			.execute()
			.path("order.notifications")
			.entityList(MAP)
			.get();
	}

	@Test
	void withSmsOffTheOrderGoesThroughAndTheTextIsSkippedWithTheReason() {
		Shopper shopper = shopper();
		String orderId = placeOrder(shopper.tester());
		List<Map<String, Object>> mine = notifications(shopper.tester(), orderId);
		assertThat(mine).singleElement().satisfies(n -> {
			assertThat(n).containsEntry("channel", "SMS")
				.containsEntry("event", "PLACED")
				.containsEntry("status", "SKIPPED")
				.containsEntry("attempts", 0)
				.containsEntry("cost", null)
				.containsEntry("nextAttemptAt", null);
			assertThat((String) n.get("lastError")).contains("switched off");
			assertThat((String) n.get("recipient")).contains("•").hasSize(13);
			assertThat((String) n.get("message")).contains("received, total KES 116.00");
		});
		Map<String, Object> staffView = notifications(orderManager(), orderId).get(0);
		assertThat((String) staffView.get("recipient")).matches("\\+2547\\d{8}");
	}

	@Test
	void aFixedLineIsSkippedAsUnableToReceiveSms() {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		String fixed = util.format(util.getExampleNumberForType("KE", PhoneNumberType.FIXED_LINE), PhoneNumberFormat.E164);
		HttpGraphQlTester tester = withToken(token(newSubject("landline"), "customer"));
		tester.document("mutation($p: String!) { registerCustomer(input: {name: \"Landline\", phone: $p}) { errors { code } } }")
			.variable("p", fixed)
			.execute()
			.path("registerCustomer.errors")
			.entityList(Object.class)
			.hasSize(0);
		String orderId = placeOrder(tester);
		assertThat(notifications(tester, orderId)).singleElement()
			.satisfies(n -> assertThat((String) n.get("lastError")).contains("fixed line"));
	}

	@Test
	void acceptedRejectedAndReadyTextTheCustomerButPreparingDoesNot() {
		Shopper shopper = shopper();
		String first = placeOrder(shopper.tester());
		for (String mutation : List.of("acceptOrder", "startPreparingOrder", "markOrderReady")) {
			orderManager().document("mutation($id: ID!) { " + mutation + "(input: {id: $id}) { errors { code } } }")
				.variable("id", first)
				.execute()
				.path(mutation + ".errors")
				.entityList(Object.class)
				.hasSize(0);
		}
		assertThat(notifications(shopper.tester(), first)).extracting(n -> n.get("event"))
			.containsExactly("PLACED", "ACCEPTED", "READY");
		String second = placeOrder(shopper.tester());
		orderManager().document("mutation($id: ID!) { rejectOrder(input: {id: $id, reason: \"Closed for a private party\"}) { errors { code } } }")
			.variable("id", second)
			.execute()
			.path("rejectOrder.errors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(notifications(shopper.tester(), second)).last()
			.satisfies(n -> assertThat(n).containsEntry("event", "REJECTED")
				.extractingByKey("message", org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.endsWith(": Closed for a private party"));
	}

	@Test
	void smsMessagesListsAndFiltersForStaffWithManageOrdersOnly() {
		Shopper shopper = shopper();
		String orderId = placeOrder(shopper.tester());
		// language=GraphQL
		String query = """
				query($order: ID!) { smsMessages(first: 10, filter: {orderId: $order, statuses: [SKIPPED]}) {
				  totalCount edges { cursor node { id status order { number } } } } }""";
		orderManager().document(query)
			.variable("order", orderId)
			.execute()
			.path("smsMessages.totalCount")
			.entity(Integer.class)
			.isEqualTo(1);
		orderManager().document(query.replace("[SKIPPED]", "[SENT, FAILED]"))
			.variable("order", orderId)
			.execute()
			.path("smsMessages.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
		for (GraphQlTester outsider : List.of(shopper.tester(), staff(Permission.MANAGE_PRODUCTS))) {
			outsider.document(query)
				.variable("order", orderId)
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).singleElement()
					.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
		}
	}

	@Test
	void resendingWhileSmsIsOffChangesNothing() {
		Shopper shopper = shopper();
		String orderId = placeOrder(shopper.tester());
		String id = (String) notifications(shopper.tester(), orderId).get(0).get("id");
		orderManager().document("mutation($id: ID!) { resendNotification(input: {id: $id}) { notification { id } errors { code field } } }")
			.variable("id", id)
			.execute()
			.path("resendNotification.notification")
			.valueIsNull()
			.path("resendNotification.errors[0].code")
			.entity(String.class)
			.isEqualTo("NOTIFICATION_NOT_SENDABLE");
		assertThat(notifications(orderManager(), orderId)).hasSize(1);
		// the owner finds their notification by id; another customer does not
		shopper.tester().document("query($id: ID!) { node(id: $id) { id } }").variable("id", id).execute()
			.path("node.id").entity(String.class).isEqualTo(id);
		customer().document("query($id: ID!) { node(id: $id) { id } }").variable("id", id).execute()
			.path("node").valueIsNull();
	}

}
