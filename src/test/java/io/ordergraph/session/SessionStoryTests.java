package io.ordergraph.session;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;


import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000 from start to end, over real HTTP and WebSockets, as the staff panel and two guests' phones would. */
class SessionStoryTests extends SessionTest {

	@Test
	@SuppressWarnings("unchecked")
	void aTableFromOpeningToClosing() {
		String staffToken = staffToken(Permission.MANAGE_SESSIONS, Permission.MANAGE_ORDERS);
		String label = unique("Table");
		String burger = product(unique("Burger"), "600", "KES", 10, true);
		String soda = product(unique("Soda"), "150", "KES", 10, true);

		// staff open the session and subscribe to its channel
		Map<String, Object> session = open(withToken(staffToken), label);
		String sessionId = (String) session.get("id");
		assertThat(session).containsEntry("state", "OPENED");
		String start = cursor(staffToken);
		try (Live staff = sessionEvents(staffToken, sessionId, start)) {
			// the guest scans the QR code: it holds the join URL, whose last part is the code
			String png = withToken(staffToken)
				.document("query($id: ID!) { orderSession(id: $id) { qrCode(size: 300) { url svg pngDataUrl } } }")
				.variable("id", sessionId)
				.execute()
				.path("orderSession.qrCode.pngDataUrl")
				.entity(String.class)
				.get();
			String url = decodeQr(png);
			assertThat(url).isEqualTo(session.get("joinUrl")).endsWith("/join/" + session.get("joinCode"));
			String code = url.substring(url.lastIndexOf('/') + 1);

			String alice = joinOk(code, "Alice");
			staff.await("GUEST_JOINED", e -> "Alice".equals(e.get("guestName")));
			assertThat(staff.await("SESSION_VERIFIED")).containsEntry("sessionState", "VERIFIED")
				.containsEntry("sessionLabel", label);

			try (Live aliceLive = sessionEvents(alice, sessionId, cursor(alice))) {
				String bob = joinOk(code, "Bob");
				staff.await("GUEST_JOINED", e -> "Bob".equals(e.get("guestName")));
				aliceLive.await("GUEST_JOINED", e -> "Bob".equals(e.get("guestName")));

				// the guests order; staff see both orders live, lines and all
				Map<String, Object> aliceOrder = orderOk(withToken(alice), null, burger, 2);
				Map<String, Object> bobOrder = orderOk(withToken(bob), sessionId, soda, 1);
				assertThat(aliceOrder).containsEntry("status", "PLACED").containsEntry("session", Map.of("id", sessionId));
				Map<String, Object> placed = staff.await("ORDER_PLACED",
						e -> aliceOrder.get("number").equals(orderNumber(e)));
				assertThat(orderField(placed, "lines")).asList().hasSize(1);
				assertThat(amount(orderField(placed, "total"))).isEqualByComparingTo("1392"); // 2 x 600 + 16 % tax
				staff.await("ORDER_PLACED", e -> bobOrder.get("number").equals(orderNumber(e)));

				// staff accept Alice's order; the guests see it
				changeStatus(withToken(staffToken), "acceptOrder", (String) aliceOrder.get("id"));
				aliceLive.await("ORDER_UPDATED", e -> aliceOrder.get("number").equals(orderNumber(e))
						&& "ACCEPTED".equals(orderField(e, "status")) && "PLACED".equals(orderField(e, "previousStatus")));
				assertThat(withToken(bob).document("query($id: ID!) { order(id: $id) { status } }")
					.variable("id", aliceOrder.get("id"))
					.execute()
					.path("order.status")
					.entity(String.class)
					.get()).isEqualTo("ACCEPTED");

				// staff close: the guests receive SESSION_CLOSED last, then their subscription completes
				close(withToken(staffToken), sessionId);
				staff.await("SESSION_CLOSED");
				aliceLive.awaitCompleted();
				assertThat(aliceLive.types()).last().isEqualTo("SESSION_CLOSED");
				assertThat(aliceLive.error.get()).isNull();

				// orders in preparation go on, and staff still see them on the channel
				changeStatus(withToken(staffToken), "startPreparingOrder", (String) aliceOrder.get("id"));
				staff.await("ORDER_UPDATED", e -> "PREPARING".equals(orderField(e, "status")));

				// the guests' tokens are dead, over HTTP and WebSocket
				for (String token : List.of(alice, bob)) {
					refusedAsInvalid(port, token);
					StepVerifier.create(webSocket(token).document(EVENTS)
						.variable("id", sessionId)
						.executeSubscription()
						.toFlux())
						.expectError()
						.verify(TIMEOUT);
				}

				// the bill is final and still readable by staff; nothing more can be ordered or joined
				Map<String, Object> bill = withToken(staffToken)
					.document("query($id: ID!) { orderSession(id: $id) { state guests { name } bill { closed orders { number counted } totals { currency total { amount } orderCount } } } }")
					.variable("id", sessionId)
					.execute()
					.path("orderSession")
					.entity(MAP)
					.get();
				assertThat(bill).containsEntry("state", "CLOSED")
					.containsEntry("guests", List.of(Map.of("name", "Alice"), Map.of("name", "Bob")));
				Map<String, Object> billed = (Map<String, Object>) bill.get("bill");
				assertThat(billed).containsEntry("closed", true);
				List<Map<String, Object>> totals = (List<Map<String, Object>>) billed.get("totals");
				assertThat(totals).singleElement().satisfies(t -> {
					assertThat(t).containsEntry("currency", "KES").containsEntry("orderCount", 2);
					assertThat(amount(t.get("total"))).isEqualByComparingTo("1566"); // (1200 + 150) x 1.16
				});
				order(withToken(staffToken), sessionId, burger, 1).path("placeSessionOrder.errors[*].code")
					.entityList(String.class)
					.containsExactly("SESSION_CLOSED");
				join(anonymous(), code, "Carol").path("joinOrderSession.errors[*].code")
					.entityList(String.class)
					.containsExactly("SESSION_CLOSED");
			}
		}
	}

}
