package io.ordergraph.browser;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import io.ordergraph.QrCodeReader;
import io.ordergraph.ShopTest;
import io.ordergraph.demo.DemoUsers;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests of the staff panel and the guest page share: the demo staff member (the panel's sign-in
 * picker offers the demo users), sessions and orders made through the API, QR decoding, screenshots and the
 * every-page checks (no console error, nothing loaded from another origin).
 */
abstract class PanelTest extends ShopTest {

	/** {@code -Dscreenshots=docs/screenshots} writes each screen there; normal runs write nothing. */
	private static final String SCREENSHOTS = System.getProperty("screenshots");

	/** Signs the panel in as the demo staff member (products, orders and sessions) and waits until it is live. */
	Chromium staffPanel() {
		DemoUsers.DemoUser staff = DemoUsers.STAFF;
		employees.ensure(staff.subject(), staff.name(), staff.email(), staff.permissions());
		Chromium panel = Chromium.start(Chromium.DESKTOP);
		panel.open(base() + "/panel");
		panel.visible("button.demo-user");
		screenshot(panel, "panel-sign-in");
		panel.click("button.demo-user[data-subject='" + staff.subject() + "']");
		panel.visible("#connection.online");
		return panel;
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	void screenshot(Chromium browser, String name) {
		if (SCREENSHOTS != null && !SCREENSHOTS.isBlank()) {
			browser.screenshot(Path.of(SCREENSHOTS, name + ".png"));
		}
	}

	/**
	 * The text of the element matching the selector, once it is visible. Read in the page in one step: the pages
	 * re-render lists on every event, so an element found a moment earlier may already have been replaced.
	 */
	static String text(Chromium browser, String css) {
		browser.visible(css);
		return (String) browser.script("const e = document.querySelector(arguments[0]); return e ? e.innerText : null",
				css);
	}

	/** The texts (or, with an attribute name, that attribute) of every element matching the selector, in one step. */
	@SuppressWarnings("unchecked")
	static List<String> all(Chromium browser, String css, String attribute) {
		return (List<String>) browser.script("return [...document.querySelectorAll(arguments[0])]"
				+ ".map(e => arguments[1] ? e.getAttribute(arguments[1]) : e.innerText)", css, attribute);
	}

	/** No console error, and every resource the page loaded came from the page's own origin. */
	static void assertCleanPage(Chromium browser) {
		browser.assertNoConsoleErrors();
		String origin = (String) browser.script("return location.origin");
		assertThat(browser.loadedResources()).isNotEmpty()
			.allSatisfy(url -> assertThat(URI.create(url).resolve("/").toString()).isEqualTo(origin + "/"));
	}

	static String decodeQr(byte[] png) {
		return QrCodeReader.decode(png);
	}

	/**
	 * What the QR code shown by an element says, once a screenshot of it reads (on a loaded machine the first one may
	 * be taken before the code is painted); up to the browser's usual wait.
	 */
	static String readQr(Chromium browser, WebElement element) {
		return browser.wait(d -> {
			try {
				return decodeQr(element.getScreenshotAs(OutputType.BYTES));
			}
			catch (AssertionError notPaintedYet) {
				return null;
			}
		});
	}


	/** Opens a session through the API (staff with MANAGE_SESSIONS); answers its id. */
	String openSession(String label) {
		return staff(Permission.MANAGE_SESSIONS)
			.document("mutation($label: String!) { openOrderSession(input: {label: $label}) { session { id } errors { code } } }")
			.variable("label", label)
			.execute()
			.path("openOrderSession.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("openOrderSession.session.id")
			.entity(String.class)
			.get();
	}

	/** A waiter's order into a session through the API; answers the order's number and id. */
	@SuppressWarnings("unchecked")
	Map<String, Object> waiterOrder(String sessionId, String productId, int quantity) {
		return orderManager()
			.document("mutation($input: PlaceSessionOrderInput!) { placeSessionOrder(input: $input) { order { id number status } errors { code } } }")
			.variable("input", Map.of("sessionId", sessionId, "lines",
					List.of(Map.of("productId", productId, "quantity", quantity))))
			.execute()
			.path("placeSessionOrder.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("placeSessionOrder.order")
			.entity(Map.class)
			.get();
	}

	void changeStatus(String mutation, String orderId) {
		orderManager().document("mutation($id: ID!) { " + mutation + "(input: {id: $id}) { errors { code } } }")
			.variable("id", orderId)
			.execute()
			.path(mutation + ".errors")
			.entityList(Object.class)
			.hasSize(0);
	}

}
