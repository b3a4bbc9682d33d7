package io.ordergraph.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.platform.security.Permission;
import io.ordergraph.session.internal.GuestTokens;
import io.ordergraph.session.internal.JoinThrottle;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRulesTests extends SessionTest {

	@Autowired
	JoinThrottle throttle;

	@Test
	void aLabelIsUniqueAmongSessionsNotClosed() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_SESSIONS);
		String label = unique("Table");
		String first = (String) open(staff, label).get("id");
		staff.document("mutation($l: String!) { openOrderSession(input: {label: $l}) { session { id } errors { code field } } }")
			.variable("l", label.toUpperCase())
			.execute()
			.path("openOrderSession.session")
			.valueIsNull()
			.path("openOrderSession.errors[*].code")
			.entityList(String.class)
			.containsExactly("SESSION_LABEL_IN_USE");
		close(staff, first);
		String second = (String) open(staff, label).get("id");
		String third = (String) open(staff, unique("Table")).get("id");
		staff.document("{ orderSessions(first: 2) { edges { node { id } } } }")
			.execute()
			.path("orderSessions.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(third, second);
		// the newest first, filtered by state
		List<String> opened = staff.document("{ orderSessions(state: OPENED, first: 100) { edges { node { label state } } } }")
			.execute()
			.path("orderSessions.edges[*].node.state")
			.entityList(String.class)
			.get();
		assertThat(opened).isNotEmpty().containsOnly("OPENED");
	}

	@Test
	void joinCodesAreLongRandomAndUrlSafe() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_SESSIONS);
		String a = (String) open(staff, unique("Table")).get("joinCode");
		String b = (String) open(staff, unique("Table")).get("joinCode");
		assertThat(a).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b); // 43 base64url characters: 256 bits
	}

	@Test
	void aWrongCodeFloodIsSlowedDownThenRefused() {
		String code = (String) open(staff(Permission.MANAGE_SESSIONS), unique("Table")).get("joinCode");
		throttle.forget("127.0.0.1");
		try {
			long[] millis = new long[10];
			for (int i = 0; i < 10; i++) {
				long start = System.nanoTime();
				join(anonymous(), "wrong-" + i, "Mallory").path("joinOrderSession.errors[*].code")
					.entityList(String.class)
					.containsExactly("INVALID_JOIN_CODE");
				millis[i] = (System.nanoTime() - start) / 1_000_000;
			}
			// the first three are answered at once, the tenth after 7 x 100 ms
			assertThat(millis[9]).isGreaterThanOrEqualTo(700).isGreaterThan(millis[0]);
			// now even the right code is refused for a while
			join(anonymous(), code, "Mallory").path("joinOrderSession.errors[*].code")
				.entityList(String.class)
				.containsExactly("JOIN_ATTEMPTS_EXCEEDED");
		}
		finally {
			throttle.forget("127.0.0.1");
		}
		join(anonymous(), code, "Alice").path("joinOrderSession.errors").entityList(Object.class).hasSize(0);
	}

	@Test
	void aSubscriberResumesAfterACursorWithoutGapOrDuplicate() {
		String staffToken = staffToken(Permission.MANAGE_SESSIONS);
		Map<String, Object> session = open(withToken(staffToken), unique("Table"));
		String sessionId = (String) session.get("id");
		String product = product(unique("Juice"), "300", "KES", 5, true);
		String joinedCursor;
		try (Live live = sessionEvents(staffToken, sessionId, cursor(staffToken))) {
			String guest = joinOk((String) session.get("joinCode"), "Ann");
			joinedCursor = (String) live.await("GUEST_JOINED").get("cursor");
			live.await("SESSION_VERIFIED");
			live.close();
			orderOk(withToken(guest), null, product, 1);
		}
		try (Live resumed = sessionEvents(staffToken, sessionId, joinedCursor)) {
			resumed.await("ORDER_PLACED");
			assertThat(resumed.types()).containsExactly("SESSION_VERIFIED", "ORDER_PLACED");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theBillListsCancelledOrdersWithoutCountingThem() throws Exception {
		String staffToken = staffToken(Permission.MANAGE_SESSIONS, Permission.MANAGE_ORDERS);
		Map<String, Object> session = open(withToken(staffToken), unique("Table"));
		String sessionId = (String) session.get("id");
		String product = product(unique("Pizza"), "1000", "KES", 5, true);
		String guest = joinOk((String) session.get("joinCode"), "Ben");
		Map<String, Object> kept = orderOk(withToken(guest), null, product, 1);
		Map<String, Object> cancelled = orderOk(withToken(staffToken), sessionId, product, 2); // a waiter's order
		changeStatus(withToken(staffToken), "cancelOrder", (String) cancelled.get("id"));
		Map<String, Object> bill = withToken(guest)
			.document("query($id: ID!) { orderSession(id: $id) { bill { closed orders { number status counted lines { quantity } } totals { currency orderCount total { amount } } } } }")
			.variable("id", sessionId)
			.execute()
			.path("orderSession.bill")
			.entity(MAP)
			.get();
		assertThat(bill).containsEntry("closed", false);
		withToken(guest).document("query($id: ID!) { orderSession(id: $id) { orders(first: 10) { totalCount edges { node { number session { id } } } } } }")
			.variable("id", sessionId)
			.execute()
			.path("orderSession.orders.totalCount")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("orderSession.orders.edges[*].node.number")
			.entityList(String.class)
			.containsExactly((String) kept.get("number"), (String) cancelled.get("number"))
			.path("orderSession.orders.edges[*].node.session.id")
			.entityList(String.class)
			.containsExactly(sessionId, sessionId);
		assertThat((List<Map<String, Object>>) bill.get("orders")).extracting(o -> o.get("number"), o -> o.get("counted"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(kept.get("number"), true),
					org.assertj.core.groups.Tuple.tuple(cancelled.get("number"), false));
		Map<String, Object> total = ((List<Map<String, Object>>) bill.get("totals")).get(0);
		assertThat(total).containsEntry("orderCount", 1);
		assertThat(amount(total.get("total"))).isEqualByComparingTo("1160");

		close(withToken(staffToken), sessionId);
		byte[] pdf = http().get()
			.uri("/sessions/{id}/bill.pdf", sessionId)
			.header("Authorization", "Bearer " + staffToken)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PDF)
			.expectBody()
			.returnResult()
			.getResponseBody();
		PdfReader reader = new PdfReader(pdf);
		String text = new PdfTextExtractor(reader).getTextFromPage(1);
		assertThat(text).contains((String) kept.get("number"), (String) cancelled.get("number"), "not counted",
				"final", "1160.00");
		http().get()
			.uri("/sessions/{id}/bill.pdf", sessionId)
			.header("Authorization", "Bearer " + guest)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theQrCodeEndpointsAreForSessionStaff() {
		String staffToken = staffToken(Permission.MANAGE_SESSIONS);
		String label = unique("Table <7>");
		Map<String, Object> session = open(withToken(staffToken), label);
		String id = (String) session.get("id");
		byte[] png = http().get()
			.uri("/sessions/{id}/qr.png?size=200", id)
			.header("Authorization", "Bearer " + staffToken)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(decodeQr(png)).isEqualTo(session.get("joinUrl"));
		String svg = new String(http().get()
			.uri("/sessions/{id}/qr.svg", id)
			.header("Authorization", "Bearer " + staffToken)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(svg).startsWith("<svg").contains(label.replace("<", "&lt;").replace(">", "&gt;"));
		http().get()
			.uri("/sessions/{id}/qr.png?size=5000", id)
			.header("Authorization", "Bearer " + staffToken)
			.exchange()
			.expectStatus()
			.isBadRequest();
		http().get()
			.uri("/sessions/{id}/qr.png", id)
			.header("Authorization", "Bearer " + staffToken(Permission.MANAGE_ORDERS))
			.exchange()
			.expectStatus()
			.isForbidden();
		http().get()
			.uri("/sessions/{id}/qr.png", id)
			.header("Authorization", "Bearer " + shopper().token())
			.exchange()
			.expectStatus()
			.isNotFound();
		http().get().uri("/sessions/{id}/qr.png", id).exchange().expectStatus().isUnauthorized();
		String guest = joinOk((String) session.get("joinCode"), "Cy");
		http().get()
			.uri("/sessions/{id}/qr.png", id)
			.header("Authorization", "Bearer " + guest)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aGuestTokenSignedByAnotherKeyIsRefused() throws Exception {
		Map<String, Object> session = open(staff(Permission.MANAGE_SESSIONS), unique("Table"));
		String real = joinOk((String) session.get("joinCode"), "Dee");
		withToken(real).document("{ me { roles } }").execute().path("me.roles").entityList(String.class)
			.containsExactly("guest");
		SignedJWT genuine = SignedJWT.parse(real);
		byte[] otherKey = new byte[32];
		new java.security.SecureRandom().nextBytes(otherKey);
		for (String kid : List.of(genuine.getHeader().getKeyID(), UUID.randomUUID().toString())) {
			SignedJWT forged = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid).build(),
					new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).subject("guest:" + UUID.randomUUID())
						.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
						.build());
			forged.sign(new MACSigner(otherKey));
			refusedAsInvalid(port, forged.serialize());
		}
		assertThat(genuine.getJWTClaimsSet().getIssuer()).isEqualTo(GuestTokens.ISSUER);
		assertThat(genuine.getJWTClaimsSet().getStringClaim(GuestTokens.SESSION_CLAIM)).isNotBlank();
		assertThat(genuine.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
	}

	@Test
	void aGuestsOrderSubscriptionEndsWhenTheSessionCloses() {
		String staffToken = staffToken(Permission.MANAGE_SESSIONS, Permission.MANAGE_ORDERS);
		Map<String, Object> session = open(withToken(staffToken), unique("Table"));
		String product = product(unique("Cake"), "400", "KES", 5, true);
		String guest = joinOk((String) session.get("joinCode"), "Fay");
		String orderId = (String) orderOk(withToken(guest), null, product, 1).get("id");
		try (Live live = subscribe(guest,
				"subscription($id: ID!, $after: String) { orderStatusChanged(orderId: $id, after: $after) { type status } }",
				"orderStatusChanged", Map.of("id", orderId, "after", cursor(staffToken)))) {
			changeStatus(withToken(staffToken), "acceptOrder", orderId);
			live.await("STATUS_CHANGED", e -> "ACCEPTED".equals(e.get("status")));
			close(withToken(staffToken), (String) session.get("id"));
			changeStatus(withToken(staffToken), "startPreparingOrder", orderId);
			org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> live.error.get() != null);
			assertThat(live.events).noneMatch(e -> "PREPARING".equals(e.get("status")));
		}
	}

	private WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT).build();
	}

}
