package io.ordergraph.browser;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;

import io.ordergraph.platform.security.Permission;
import io.ordergraph.session.internal.JoinThrottle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000 in two browsers side by side: the staff panel on a laptop and the guest's phone. Staff open "Table 2"; the
 * QR code in the modal decodes to the join URL; the guest opens it, joins and orders two items; the board moves the
 * session to VERIFIED and shows the order without a reload; staff accept; the guest sees ACCEPTED; staff close and
 * see the bill; the guest's page says the session is closed and takes no more orders.
 */
class PanelStoryTests extends PanelTest {

	@Autowired
	JoinThrottle throttle;

	@Test
	void aTableFromOpeningToClosingInTwoBrowsers() {
		String chai = product("Masala chai", "150.00", "KES", 40, true);
		String mandazi = product("Mandazi", "80.00", "KES", 60, true);
		try (Chromium guest = Chromium.start(Chromium.PHONE); Chromium staff = staffPanel()) {
			// staff open "Table 2": the QR modal shows a code that decodes to the join URL
			staff.type("#session-label", "Table 2");
			staff.click("#open-session button[type=submit]");
			WebElement qr = staff.visible("#qr-modal[open] #qr-image svg");
			String joinUrl = readQr(staff, qr);
			assertThat(joinUrl).isEqualTo(text(staff, "#qr-url")).matches(".*/join/[A-Za-z0-9_-]{43}");
			screenshot(staff, "panel-qr");
			printMedia(staff, true); // printed, the modal shows the code alone
			assertThat(staff.driver().findElement(By.cssSelector("header.bar")).isDisplayed()).isFalse();
			assertThat(staff.driver().findElement(By.id("qr-print")).isDisplayed()).isFalse();
			assertThat(qr.isDisplayed()).isTrue();
			printMedia(staff, false);
			staff.click("#qr-modal .close-modal");
			String card = "#col-OPENED .session[data-label='Table 2']";
			staff.visible(card);

			// the guest scans it, joins and orders two items
			guest.open(joinUrl);
			guest.visible("#join");
			screenshot(guest, "guest-join");
			guest.type("#guest-name", "Alice");
			guest.click("#join-button");
			guest.awaitText("#table", "Table 2");
			guest.click(".product[data-id='" + chai + "'] .add");
			guest.click(".product[data-id='" + mandazi + "'] .add");
			guest.awaitText("#basket-total", "KES 230.00");
			guest.visible(".product[data-id='" + chai + "'] .left");
			screenshot(guest, "guest-basket");
			guest.click("#place-order");
			guest.visible("#orders .guest-order[data-status='PLACED']");
			String number = all(guest, "#orders .guest-order[data-status='PLACED']", "data-number").getFirst();
			assertThat(text(guest, ".guest-order[data-number='" + number + "']")).contains("Masala chai", "Mandazi",
					"KES 266.80"); // 230 + 16 % tax
			guest.awaitText(".product[data-id='" + chai + "'] .left", "39 left");
			guest.driver().navigate().refresh(); // a phone reloading the page stays at the table, as the same guest
			guest.visible("#orders .guest-order[data-number='" + number + "']");
			assertThat(guest.driver().findElement(By.id("join")).isDisplayed()).isFalse();

			// the board moves the session to VERIFIED and shows the order, without a reload
			String verified = "#col-VERIFIED .session[data-label='Table 2']";
			staff.visible(verified + " .order[data-number='" + number + "'][data-status='PLACED']");
			assertThat(staff.all(card)).isEmpty();
			assertThat(text(staff, verified + " .meta")).isEqualTo("1 guest · 1 order");
			screenshot(staff, "panel-board");

			// staff open the session's orders and accept; the guest sees ACCEPTED (and the bill follows)
			staff.click(verified + " .show-orders");
			String entry = "#orders-modal[open] .order-entry[data-number='" + number + "']";
			assertThat(text(staff, entry)).contains("1 × Masala chai", "1 × Mandazi", "KES 266.80");
			assertThat(all(staff, entry + " .order-actions button", null))
				.containsExactly("Accept", "Reject…", "Cancel");
			screenshot(staff, "panel-orders-modal");
			staff.click(entry + " .action-accept");
			staff.visible(entry.replace("']", "'][data-status='ACCEPTED']"));
			guest.visible(".guest-order[data-number='" + number + "'][data-status='ACCEPTED']");
			guest.awaitText("#bill", number + " · ACCEPTED");
			screenshot(guest, "guest-ordering");

			// staff close the session and see its bill; the guest's page says it is closed and takes no orders
			staff.click("#close-session");
			staff.awaitText("#bill-modal[open] .bill-total", "KES 266.80");
			assertThat(text(staff, "#bill-title")).isEqualTo("Table 2 · bill (final)");
			screenshot(staff, "panel-bill");
			guest.visible("#closed");
			assertThat(text(guest, "#closed")).contains("closed");
			assertThat(guest.driver().findElement(By.id("menu")).isDisplayed()).isFalse();
			assertThat(guest.driver().findElement(By.id("place-order")).isEnabled()).isFalse();
			assertThat(text(guest, "#bill")).contains("KES 266.80");
			assertThat(guest.storage()).as("the dead guest token is forgotten").isEmpty();
			screenshot(guest, "guest-closed");
			staff.click("#bill-modal .close-modal");
			staff.visible("#col-CLOSED .session[data-label='Table 2'] .show-bill");
			assertThat(staff.all(verified)).isEmpty();
			assertThat(staff.storage()).as("the panel keeps its token in memory only").isEmpty();

			// the page refuses new orders, and so does the API: the table still has exactly the one order
			assertThat(orderCount(number)).isEqualTo(1);
			assertCleanPage(staff);
			assertCleanPage(guest);
			assertThat(guest.loadedResources()).as("the guest page loads none of the panel's assets")
				.noneMatch(url -> url.contains("/panel"));
		}
	}

	@Test
	void aWrongCodeSaysSoAndOffersNothingThenTheThrottleSaysWhenToTryAgain() {
		String code = (String) staff(Permission.MANAGE_SESSIONS)
			.document("mutation($label: String!) { openOrderSession(input: {label: $label}) { session { joinCode } } }")
			.variable("label", unique("Patio"))
			.execute()
			.path("openOrderSession.session.joinCode")
			.entity(String.class)
			.get();
		product("Masala chai", "150.00", "KES", 40, true); // there is something to order, for a right code
		throttle.forget("127.0.0.1"); // every browser and test client here comes from 127.0.0.1
		try (Chromium guest = Chromium.start(Chromium.PHONE)) {
			// a code of no table: a plain message, no menu, no basket, no way to order
			guest.open(base() + "/join/" + "x".repeat(43));
			guest.type("#guest-name", "Mallory");
			guest.click("#join-button");
			guest.visible("#problem[data-problem='wrong-code']");
			assertThat(text(guest, "#problem")).contains("does not belong to any table", "Scan the QR code")
				.doesNotContain("INVALID_JOIN_CODE");
			for (String hidden : List.of("join", "menu", "basket", "my-orders", "place-order")) {
				assertThat(guest.driver().findElement(By.id(hidden)).isDisplayed()).as(hidden).isFalse();
			}
			assertThat(guest.all(".product")).isEmpty();
			assertThat(guest.storage()).isEmpty();
			screenshot(guest, "guest-wrong-code");

			// more wrong codes from the same address fill the join throttle (docs/sessions.md): then even the right
			// code is refused for a while, and the page says when to try again rather than showing the error code
			for (int i = 0; i < 9; i++) {
				anonymous().document("mutation($code: String!) { joinOrderSession(input: {code: $code, name: \"M\"}) {"
						+ " errors { code } } }")
					.variable("code", "wrong-" + i)
					.execute()
					.path("joinOrderSession.errors[0].code")
					.entity(String.class)
					.isEqualTo("INVALID_JOIN_CODE");
			}
			guest.open(base() + "/join/" + code);
			guest.type("#guest-name", "Mallory");
			guest.click("#join-button");
			guest.visible("#problem[data-problem='throttled']");
			assertThat(text(guest, "#problem")).contains("Too many attempts")
				.containsPattern("You can try again in about \\d+ (seconds|minutes), at \\d{1,2}:\\d{2}")
				.doesNotContain("JOIN_ATTEMPTS_EXCEEDED");
			assertThat(guest.driver().findElement(By.id("join")).isDisplayed()).isFalse();
			assertThat(guest.all(".product")).isEmpty();
			screenshot(guest, "guest-throttled");
			assertCleanPage(guest);
		}
		finally {
			throttle.forget("127.0.0.1");
		}
	}

	/** Emulates print media (as when printing the page) or goes back to the screen. */
	private static void printMedia(Chromium browser, boolean print) {
		((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("media", print ? "print" : ""));
	}

	private int orderCount(String number) {
		return orderManager().document("query($search: String) { orders(filter: {search: $search}) { totalCount } }")
			.variable("search", number)
			.execute()
			.path("orders.totalCount")
			.entity(Integer.class)
			.get();
	}

}
