package io.ordergraph.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium} driven through its {@code chromedriver}
 * (Selenium never downloads a browser or a driver here). Every instance is a separate browser with its own profile,
 * so two instances are two independent users side by side.
 * <p>
 * The browser can reach loopback only: every other host fails to resolve and every non-loopback request goes to a
 * closed proxy, so a page that loads anything from a CDN or the internet breaks visibly. {@code .ci/run} installs
 * the packages when they are missing; {@code -Dbrowser.skip=true} skips the browser tests on a machine without them.
 * The paths can be changed with {@code -Dordergraph.chromium=...} and {@code -Dordergraph.chromedriver=...}.
 */
public final class Chromium implements AutoCloseable {

	/** A phone's viewport (CSS pixels), for the guest's page. */
	public static final Dimension PHONE = new Dimension(390, 844);

	/** A laptop's viewport, for the staff panel. */
	public static final Dimension DESKTOP = new Dimension(1280, 900);

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final ChromeDriver driver;

	private Chromium(ChromeDriver driver) {
		this.driver = driver;
	}

	/** Starts a headless Chromium with the given window size; fails (or skips with -Dbrowser.skip=true) without one. */
	public static Chromium start(Dimension window) {
		assumeFalse(Boolean.getBoolean("browser.skip"), "browser tests skipped (-Dbrowser.skip=true)");
		File binary = new File(System.getProperty("ordergraph.chromium", "/usr/lib/chromium/chromium"));
		File chromedriver = new File(System.getProperty("ordergraph.chromedriver", "/usr/bin/chromedriver"));
		if (!binary.canExecute() || !chromedriver.canExecute()) {
			throw new IllegalStateException("Browser tests need Chromium and its driver (" + binary + ", " + chromedriver
					+ "): install the Debian packages chromium and chromium-driver (.ci/run does), or skip them with "
					+ "-Dbrowser.skip=true");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--no-first-run", "--no-default-browser-check", "--disable-extensions",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=" + window.getWidth() + "," + window.getHeight(),
				// loopback only: nothing else resolves, and anything that still tries goes to a closed port
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
				"--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>;127.0.0.1;localhost");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return new Chromium(driver);
	}

	/** The WebDriver, for what this class does not wrap. */
	public WebDriver driver() {
		return this.driver;
	}

	public Chromium open(String url) {
		this.driver.get(url);
		return this;
	}

	/** Waits (up to 15 s) for an element matching the CSS selector to be visible, and returns it. */
	public WebElement visible(String css) {
		return wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	/** Waits for the element to be clickable and clicks it. */
	public void click(String css) {
		wait(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
	}

	/** Replaces the text of an input. */
	public void type(String css, String text) {
		WebElement input = visible(css);
		input.clear();
		input.sendKeys(text);
	}

	/** Waits until an element matching the CSS selector contains the text. */
	public void awaitText(String css, String text) {
		wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
	}

	/** Waits (up to 15 s) until the condition holds, and returns its value. */
	public <T> T wait(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, WAIT, Duration.ofMillis(50)).until(condition);
	}

	public List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** Runs a script in the page (see {@link JavascriptExecutor#executeScript}). */
	public Object script(String script, Object... args) {
		return this.driver.executeScript(script, args);
	}

	/** Runs an asynchronous script: its last argument is the callback that ends it. */
	public Object asyncScript(String script, Object... args) {
		return this.driver.executeAsyncScript(script, args);
	}

	/** Saves a PNG of the viewport, creating the directories. */
	public Path screenshot(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The console messages at SEVERE level since the last call (CSP violations and script errors land here). */
	public List<String> consoleErrors() {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
				errors.add(entry.getMessage());
			}
		}
		return errors;
	}

	/** Asserts that the page logged no error to its console (no CSP violation, no failed script, no 404 asset). */
	public void assertNoConsoleErrors() {
		assertThat(consoleErrors()).as("console errors").isEmpty();
	}

	/**
	 * The URLs of every resource the page loaded (Resource Timing), to prove that everything came from our origin.
	 */
	@SuppressWarnings("unchecked")
	public List<String> loadedResources() {
		Object names = script("return performance.getEntriesByType('resource').map(e => e.name)"
				+ ".concat([location.href])");
		return (List<String>) names;
	}

	/** The value of {@code localStorage}/{@code sessionStorage} keys, to check that no token is persisted. */
	@SuppressWarnings("unchecked")
	public Map<String, Object> storage() {
		return (Map<String, Object>) script("const o = {}; for (const s of [localStorage, sessionStorage]) "
				+ "for (let i = 0; i < s.length; i++) o[s.key(i)] = s.getItem(s.key(i)); return o;");
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
