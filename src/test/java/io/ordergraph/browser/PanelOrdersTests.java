package io.ordergraph.browser;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panel's orders view: orders placed elsewhere appear live with the pending-fulfilment badge, filters by status,
 * actions; and a dropped connection: the panel shows it is offline, reconnects by itself and resumes from its last
 * cursor, so the event it missed arrives exactly once.
 */
class PanelOrdersTests extends PanelTest {

	@Test
	void ordersAppearLiveWithTheBadgeAndCanBeFiltered() {
		String chai = product("Chai", "100.00", "KES", 50, true);
		String label = unique("Bar");
		String sessionId = openSession(label);
		try (Chromium panel = staffPanel()) {
			panel.click("#nav-orders");
			panel.visible("#orders .orders-table");
			int pending = badge(panel);

			// an order placed through the API appears without a reload, and the badge counts it
			Map<String, Object> order = waiterOrder(sessionId, chai, 2);
			String row = "tr.order-row[data-number='" + order.get("number") + "']";
			assertThat(text(panel, row + "[data-status='PLACED']")).contains(label, "2 × Chai", "KES 232.00");
			panel.wait(d -> badge(panel) == pending + 1);
			panel.visible(".activity-entry[data-number='" + order.get("number") + "'][data-type='PLACED']");

			// filters: by one status, or every status still pending fulfilment
			Select filter = new Select(panel.visible("#status-filter"));
			filter.selectByValue("REJECTED");
			panel.wait(d -> panel.all(row).isEmpty());
			filter.selectByValue("PLACED");
			panel.visible(row + "[data-status='PLACED']");
			screenshot(panel, "panel-orders");

			// the same actions as in a session's modal: accepted, it leaves the PLACED list but stays pending
			panel.click(row + " .action-accept");
			panel.wait(d -> panel.all(row).isEmpty());
			filter.selectByValue("PENDING");
			panel.visible(row + "[data-status='ACCEPTED']");
			assertThat(badge(panel)).isEqualTo(pending + 1);
			// a second order, rejected with a reason; the first, cancelled: both leave the pending list and the badge
			Map<String, Object> second = waiterOrder(sessionId, chai, 1);
			String secondRow = "tr.order-row[data-number='" + second.get("number") + "']";
			panel.visible(secondRow + "[data-status='PLACED']");
			panel.wait(d -> badge(panel) == pending + 2);
			panel.click(secondRow + " .action-reject");
			panel.type(secondRow + " .reject-reason", "Out of milk");
			panel.click(secondRow + " .confirm-reject");
			panel.wait(d -> panel.all(secondRow).isEmpty());
			panel.click(row + " .action-cancel");
			panel.wait(d -> panel.all(row).isEmpty());
			panel.wait(d -> badge(panel) == pending);
			assertThat(orderManager().document("query($id: ID!) { order(id: $id) { status statusHistory { note } } }")
				.variable("id", second.get("id"))
				.execute()
				.path("order.statusHistory[*].note")
				.entityList(String.class)
				.contains("Out of milk")
				.path("order.status")
				.entity(String.class)
				.get()).isEqualTo("REJECTED");
			panel.visible(".activity-entry[data-number='" + second.get("number") + "'][data-type='STATUS_CHANGED']");
			assertCleanPage(panel);
		}
	}

	@Test
	void aDroppedConnectionShowsOfflineThenResumesWithoutLosingOrRepeatingEvents() {
		String chai = product("Chai", "100.00", "KES", 50, true);
		String sessionId = openSession(unique("Bar"));
		try (Chromium panel = staffPanel()) {
			panel.click("#nav-orders");
			String first = (String) waiterOrder(sessionId, chai, 1).get("number");
			panel.visible("tr.order-row[data-number='" + first + "']");

			// the network drops: the panel says so, and an order placed meanwhile cannot reach it
			network(panel, false);
			panel.visible("#connection.offline");
			Map<String, Object> missed = waiterOrder(sessionId, chai, 3);
			String number = (String) missed.get("number");
			String row = "tr.order-row[data-number='" + number + "']";
			assertThat(panel.all(row)).isEmpty();
			screenshot(panel, "panel-offline");

			// back online: graphql-ws reconnects by itself, the panel resubscribes from its last cursor
			network(panel, true);
			panel.visible("#connection.online");
			panel.visible(row + "[data-status='PLACED']");

			// a live event after the missed one: both arrive, each once
			changeStatus("acceptOrder", (String) missed.get("id"));
			panel.visible(".activity-entry[data-number='" + number + "'][data-type='STATUS_CHANGED']");
			assertThat(all(panel, ".activity-entry[data-number='" + number + "']", "data-type")).containsExactly("STATUS_CHANGED", "PLACED");
			assertThat(panel.all(".activity-entry[data-number='" + first + "']")).hasSize(1);
			assertThat(panel.all(row)).hasSize(1);

			// the only console errors are the reconnection attempts made while offline
			assertThat(panel.consoleErrors()).allSatisfy(message -> assertThat(message).contains("WebSocket connection"));
			String origin = (String) panel.script("return location.origin");
			assertThat(panel.loadedResources()).allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
		}
	}

	private static int badge(Chromium panel) {
		String text = text(panel, "#pending-badge");
		return text.isBlank() ? -1 : Integer.parseInt(text);
	}

	/**
	 * Cuts or restores the browser's network (DevTools' offline mode). Offline mode makes new connections fail but
	 * leaves open WebSockets alone, so cutting also closes the page's open sockets, found through DevTools. The page
	 * cannot tell this from a network that went away.
	 */
	@SuppressWarnings("unchecked")
	private static void network(Chromium browser, boolean online) {
		ChromeDriver driver = (ChromeDriver) browser.driver();
		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
		if (!online) {
			Map<String, Object> prototype = (Map<String, Object>) driver
				.executeCdpCommand("Runtime.evaluate", Map.of("expression", "WebSocket.prototype"))
				.get("result");
			Map<String, Object> sockets = (Map<String, Object>) driver
				.executeCdpCommand("Runtime.queryObjects", Map.of("prototypeObjectId", prototype.get("objectId")))
				.get("objects");
			Map<String, Object> closed = (Map<String, Object>) driver
				.executeCdpCommand("Runtime.callFunctionOn", Map.of("objectId", sockets.get("objectId"),
						"functionDeclaration",
						"function () { const open = this.filter(s => s.readyState === WebSocket.OPEN); "
								+ "open.forEach(s => s.close()); return open.length; }",
						"returnByValue", true))
				.get("result");
			assertThat(((Number) closed.get("value")).intValue()).as("open sockets closed").isPositive();
		}
	}

}
