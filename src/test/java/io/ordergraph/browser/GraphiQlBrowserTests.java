package io.ordergraph.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import io.ordergraph.ShopTest;
import io.ordergraph.platform.events.EventStream;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL in a real Chromium cut off from everything but our server: it loads from us alone, and the README's tour
 * runs in it as written (its GraphQL blocks are read from README.md) — a token typed into the Headers tab, variables in the Variables tab, operations picked from
 * the run button's menu, and a subscription over WebSocket (token in connection_init) showing events as they happen.
 */
class GraphiQlBrowserTests extends ShopTest {

	private static final Pattern PRODUCT_ID = Pattern.compile("\"id\":\\s*\"([^\"]+)\"");

	@Autowired
	EventStream events;

	@Test
	void theToursGraphiQlStepsRunInABrowserWithoutInternet() {
		String staff = staffToken(Permission.MANAGE_PRODUCTS, Permission.MANAGE_ORDERS);
		Shopper customer = shopper();
		String origin = "http://127.0.0.1:" + this.port;
		try (Chromium browser = Chromium.start(Chromium.DESKTOP)) {
			browser.open(origin + "/graphiql");
			browser.visible(".graphiql-query-editor .CodeMirror");
			browser.wait(d -> editorValue(browser, ".graphiql-query-editor").contains("me {"));
			assertThat(browser.driver().getPageSource()).doesNotContain("Loading GraphiQL");
			// the schema came in through introspection: the documentation explorer shows the root types
			click(browser, "button[aria-label='Show Documentation Explorer']");
			browser.awaitText(".graphiql-doc-explorer", "mutation: Mutation");
			click(browser, "button[aria-label='Hide Documentation Explorer']");
			// dialogs work under the policy too
			click(browser, "button[aria-label='Open settings dialog']");
			browser.visible("[role='dialog']");
			new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
			browser.wait(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role='dialog']")));
			browser.assertNoConsoleErrors();
			assertThat(headers(browser)).contains("\"Authorization\": \"Bearer <paste an access token here>\"");

			// the staff member creates a product, the token typed into the Headers tab
			typeHeaders(browser, "{\"Authorization\": \"Bearer " + staff + "\"}");
			setQuery(browser, tour("createProduct("));
			run(browser);
			String created = awaitResponse(browser, "\"name\": \"Ginger tea\"");
			assertThat(created).contains("\"stock\": 12").contains("\"errors\": []");
			Matcher id = PRODUCT_ID.matcher(created);
			assertThat(id.find()).isTrue();
			String productId = id.group(1);

			// two named operations, their variable in the Variables tab, each run from the run button's menu
			setQuery(browser, tour("mutation Restock("));
			setVariables(browser, "{\"id\": \"" + productId + "\"}");
			runFromMenu(browser, "Restock");
			awaitResponse(browser, "\"stock\": 36");
			runFromMenu(browser, "Hide");
			awaitResponse(browser, "\"visible\": false");

			// the customer adds to the cart and checks out, in GraphiQL
			String tea = product(unique("Chai"), "120.00", "KES", 10, true);
			typeHeaders(browser, "{\"Authorization\": \"Bearer " + customer.token() + "\"}");
			setVariables(browser, "{\"p\": \"" + tea + "\"}");
			setQuery(browser, tour("mutation Checkout"));
			runFromMenu(browser, "AddToCart");
			awaitResponse(browser, "\"itemCount\": 2");
			runFromMenu(browser, "Checkout");
			String checkout = awaitResponse(browser, "\"status\": \"PLACED\"");
			assertThat(checkout).contains("\"amount\": \"278.40\"");
			Matcher order = PRODUCT_ID.matcher(checkout);
			assertThat(order.find()).isTrue();
			String orderId = order.group(1);

			// and follows the order live over WebSocket while staff move it along through the API
			int subscribers = this.events.subscriberCount();
			setVariables(browser, "{\"id\": \"" + orderId + "\"}");
			setQuery(browser, tour("orderStatusChanged("));
			// as one line it reads badly in the screenshot: GraphiQL's prettify button formats it
			click(browser, "button[aria-label='Prettify query (Shift-Ctrl-P)']");
			browser.wait(d -> editorValue(browser, ".graphiql-query-editor").lines().count() > 3);
			run(browser);
			// the server holds the subscription: what staff do from now on is live
			browser.wait(d -> this.events.subscriberCount() > subscribers);
			change(staff, "acceptOrder", orderId);
			awaitResponse(browser, "\"status\": \"ACCEPTED\"");
			change(staff, "startPreparingOrder", orderId);
			String live = awaitResponse(browser, "\"status\": \"PREPARING\"");
			assertThat(live).contains("\"previousStatus\": \"ACCEPTED\"");

			String screenshots = System.getProperty("screenshots");
			if (screenshots != null && !screenshots.isBlank()) {
				browser.screenshot(Path.of(screenshots, "graphiql.png"));
			}
			// stop the subscription (the run button is a stop button while it runs)
			run(browser);
			browser.wait(d -> this.events.subscriberCount() <= subscribers);

			browser.assertNoConsoleErrors();
			assertThat(browser.loadedResources()).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
			// tokens typed into the Headers tab stay in memory
			assertThat(browser.storage().values()).noneSatisfy(v -> assertThat(String.valueOf(v)).contains(staff));
			assertThat(browser.storage().values())
				.noneSatisfy(v -> assertThat(String.valueOf(v)).contains(customer.token()));
		}
	}

	/** The README's GraphQL block (```graphql) that contains the text: the tour is tested as written. */
	private static String tour(String containing) {
		try {
			Matcher block = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL)
				.matcher(Files.readString(Path.of("README.md")));
			while (block.find()) {
				if (block.group(1).contains(containing)) {
					return block.group(1).strip();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new AssertionError("README.md has no GraphQL block with " + containing);
	}

	private void change(String token, String mutation, String orderId) {
		withToken(token).document("mutation($id: ID!) { " + mutation + "(input: {id: $id}) { errors { code } } }")
			.variable("id", orderId)
			.execute()
			.path(mutation + ".errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private static String editorValue(Chromium browser, String container) {
		return (String) browser.script("const e = document.querySelector(arguments[0] + ' .CodeMirror');"
				+ "return e ? e.CodeMirror.getValue() : '';", container);
	}

	/** The visible one of the Variables/Headers editors. */
	private static final String TOOL = ".graphiql-editor-tool .graphiql-editor:not(.hidden)";

	private static String headers(Chromium browser) {
		openTool(browser, "Headers");
		return editorValue(browser, TOOL);
	}

	private static void openTool(Chromium browser, String name) {
		WebElement tab = browser.wait(ExpectedConditions.elementToBeClickable(By.xpath(
				"//div[contains(@class,'graphiql-editor-tools')]//button[normalize-space()='" + name + "']")));
		if (!"true".equals(tab.getAttribute("aria-selected")) && !tab.getAttribute("class").contains("active")) {
			tab.click();
		}
		browser.visible(TOOL + " .CodeMirror");
	}

	/** Types into the Headers tab as a person would: click, select all, type. */
	private static void typeHeaders(Chromium browser, String text) {
		openTool(browser, "Headers");
		typeInto(browser, TOOL, text);
	}

	private static void setVariables(Chromium browser, String text) {
		openTool(browser, "Variables");
		typeInto(browser, TOOL, text);
	}

	private static void typeInto(Chromium browser, String container, String text) {
		WebElement editor = browser.visible(container + " .CodeMirror");
		new Actions(browser.driver()).click(editor)
			.keyDown(Keys.CONTROL)
			.sendKeys("a")
			.keyUp(Keys.CONTROL)
			.sendKeys(Keys.DELETE)
			.sendKeys(text)
			.perform();
		browser.wait(d -> text.equals(editorValue(browser, container)));
	}

	/** Puts a document into the query editor, as a paste would. */
	private static void setQuery(Chromium browser, String document) {
		browser.script("document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0])",
				document);
	}

	/** Clicks the run button once GraphiQL has seen a document of a single operation. */
	private static void run(Chromium browser) {
		click(browser, ".graphiql-execute-button:not([aria-haspopup])");
	}

	/** Clicks (React may re-render the element meanwhile). */
	private static void click(Chromium browser, String css) {
		browser.wait(d -> {
			try {
				d.findElement(By.cssSelector(css)).click();
				return true;
			}
			catch (StaleElementReferenceException | ElementClickInterceptedException ex) {
				return false;
			}
		});
	}

	/** Picks the operation from the run button's menu, shown for a document of several operations. */
	private static void runFromMenu(Chromium browser, String operation) {
		click(browser, ".graphiql-execute-button[aria-haspopup]");
		browser.wait(ExpectedConditions
			.elementToBeClickable(By.xpath("//*[@role='menuitem' and normalize-space()='" + operation + "']")))
			.click();
	}

	/** Waits for the response pane to show the text, and answers the whole response. */
	private static String awaitResponse(Chromium browser, String text) {
		return browser.wait(d -> {
			String response = editorValue(browser, ".result-window");
			return response.contains(text) ? response : null;
		});
	}

}
