package io.ordergraph.browser;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.Cookie;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.ordergraph.platform.KeycloakServer;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The staff panel signing in against a real Keycloak (the one the {@code *IT} classes share, with the realm file the
 * project ships), in a real Chromium: the panel redirects to Keycloak's login page, the demo staff user signs in
 * there, the authorization code comes back and is exchanged with PKCE by the page itself (CORS and the panel's
 * Content-Security-Policy allow it), the tokens stay in the page's memory, the board works over HTTP and the
 * WebSocket; the token is renewed with the refresh token before it expires, HTTP calls and subscriptions go on after
 * the first token expired; signing out ends the provider's session too.
 * <p>
 * The shipped public client {@code ordergraph-web} allows the redirect URIs of local development
 * ({@code http://localhost:8080/*}, ...); this test adds its own server's {@code /panel/} through the admin API, as a
 * deployment registers its own (docs/panel.md), and shortens the client's access tokens to {@link #LIFESPAN}; both
 * are put back afterwards.
 */
@EnabledIf(value = "keycloakDistributionPresent",
		disabledReason = "no Keycloak distribution under target/keycloak (see the message above)")
@Import(PanelKeycloakIT.PreciseExpiry.class)
class PanelKeycloakIT extends PanelTest {

	private static final String REALM = "ordergraph";

	private static final String CLIENT = "ordergraph-web";

	/** The realm's demo staff user (keycloak/realm-ordergraph.json). */
	private static final String STAFF = "22222222-2222-4222-8222-222222222222";

	/** How long the panel's access tokens live here: Keycloak's tokens for this client, shortened for the test. */
	private static final Duration LIFESPAN = Duration.ofSeconds(30);

	private static KeycloakServer keycloak;

	/** ordergraph-web as shipped, to put back. */
	private static Map<String, Object> shipped;

	static boolean keycloakDistributionPresent() {
		if (KeycloakServer.available(KeycloakServer.home())) {
			return true;
		}
		System.err.println("SKIPPED PanelKeycloakIT: no Keycloak distribution at " + KeycloakServer.home()
				+ " (./mvnw verify unpacks it unless -Dkeycloak.skip=true)");
		return false;
	}

	@BeforeAll
	static void launchKeycloak() throws Exception {
		assumeTrue(KeycloakServer.available(KeycloakServer.home()), "no Keycloak distribution");
		keycloak = KeycloakServer.shared();
	}

	/** Ordergraph knows Keycloak by its issuer only; the panel signs in with the realm's public client. */
	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> keycloak.issuer(REALM));
		registry.add("ordergraph.web.oidc-client-id", () -> CLIENT);
	}

	@BeforeEach
	void keycloakAllowsThisPanel() throws Exception {
		keycloak.awaitReady();
		synchronized (PanelKeycloakIT.class) {
			if (shipped != null) {
				return;
			}
			Map<String, Object> client = keycloak.client(REALM, CLIENT);
			shipped = client;
			Map<String, Object> changed = new LinkedHashMap<>(client);
			changed.put("redirectUris", plus(client.get("redirectUris"), base() + "/panel/"));
			changed.put("webOrigins", plus(client.get("webOrigins"), base()));
			@SuppressWarnings("unchecked")
			Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) client.get("attributes"));
			attributes.put("post.logout.redirect.uris",
					attributes.getOrDefault("post.logout.redirect.uris", "") + "##" + base() + "/panel/");
			attributes.put("access.token.lifespan", String.valueOf(LIFESPAN.toSeconds()));
			changed.put("attributes", attributes);
			keycloak.updateClient(REALM, changed);
		}
		employees.ensure(STAFF, "Demo Staff", "staff@ordergraph.example",
				Set.of(Permission.MANAGE_SESSIONS, Permission.MANAGE_ORDERS));
	}

	@AfterAll
	static void putTheClientBack() {
		if (shipped != null) {
			keycloak.updateClient(REALM, shipped);
			shipped = null;
		}
	}

	@Test
	void staffSignInAtKeycloakAndWorkTheBoardLiveWithTokensInMemoryOnly() {
		try (Chromium panel = Chromium.start(Chromium.DESKTOP)) {
			signIn(panel);
			assertThat(text(panel, "#who")).isEqualTo("Demo Staff");
			assertThat(panel.driver().getCurrentUrl()).as("the code is gone from the address")
				.isEqualTo(base() + "/panel/");
			assertNoTokenKept(panel);

			// a staff action over HTTP (with the Keycloak token), seen live over the WebSocket
			String label = unique("Terrace");
			String joinUrl = openSessionInThePanel(panel, label);
			joinThroughTheApi(joinUrl, "Alice");
			panel.visible("#col-VERIFIED .session[data-label='" + label + "']");
			assertThat(text(panel, "#col-VERIFIED .session[data-label='" + label + "']")).contains("1 guest");
			assertThat(errorShown(panel)).isEmpty();
			assertOnlyOwnOriginAndProvider(panel);
			assertNoTokenKept(panel);

			// the provider ends the session (an administrator signs the user out): the token cannot be renewed, and
			// when it expires the panel says so and offers to sign in again
			keycloak.adminSend("POST", "/admin/realms/" + REALM + "/users/" + STAFF + "/logout", Map.of());
			await().atMost(LIFESPAN.plusSeconds(20))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> panel.all("#oidc-sign-in").stream().anyMatch(e -> e.isDisplayed()));
			assertThat(text(panel, "#sign-in-error")).isEqualTo("Your sign-in has ended: sign in again.");
			assertThat(panel.all("#board").getFirst().isDisplayed()).isFalse();
			assertNoTokenKept(panel);
		}
	}

	@Test
	void thePanelRenewsItsTokenBeforeItExpiresAndStaysLiveThenSignsOutAtTheProvider() {
		try (Chromium panel = Chromium.start(Chromium.DESKTOP)) {
			signIn(panel);
			// every token this page holds was issued before now, so the first one has expired by `expired`
			Instant expired = Instant.now().plus(LIFESPAN).plusSeconds(1);
			panel.script("window.notReloaded = true");
			String label = unique("Garden");
			String joinUrl = openSessionInThePanel(panel, label);

			await().atMost(LIFESPAN.plusSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> Instant.now().isAfter(expired));
			// the same page (no new sign-in through a redirect), still live: renewed with the refresh token
			assertThat(panel.script("return window.notReloaded === true")).isEqualTo(true);
			panel.visible("#connection.online");
			String tokenEndpoint = keycloak.issuer(REALM) + "/protocol/openid-connect/token";
			assertThat((Long) panel.script("return performance.getEntriesByType('resource')"
					+ ".filter(e => e.name === arguments[0]).length", tokenEndpoint))
				.as("the code exchange, then at least one refresh").isGreaterThanOrEqualTo(2L);

			// HTTP after the first token expired (this server refuses a token the moment it expires) ...
			String second = unique("Garden");
			openSessionInThePanel(panel, second);
			// ... and the board's subscription, which the server ends when its socket's token expires
			joinThroughTheApi(joinUrl, "Bob");
			panel.visible("#col-VERIFIED .session[data-label='" + label + "']");
			assertThat(errorShown(panel)).as("no subscription ended with an error").isEmpty();
			assertNoTokenKept(panel);

			// signing out forgets the tokens and ends the session at Keycloak: the next sign-in asks for the password
			panel.click("#sign-out");
			panel.wait(d -> (base() + "/panel/").equals(d.getCurrentUrl()));
			panel.visible("#oidc-sign-in");
			assertThat(panel.storage()).isEmpty();
			panel.click("#oidc-sign-in");
			panel.visible("#username");
			assertThat(panel.driver().getCurrentUrl()).startsWith(keycloak.issuer(REALM));
		}
	}

	// ---- helpers ----

	/** From /panel through Keycloak's login page (as the demo staff user) back to a live board. */
	private void signIn(Chromium panel) {
		panel.open(base() + "/panel");
		panel.click("#oidc-sign-in");
		panel.visible("#username");
		assertThat(panel.driver().getCurrentUrl()).startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/auth");
		panel.type("#username", "staff");
		panel.type("#password", "staff");
		panel.click("#kc-login");
		panel.visible("#connection.online");
		panel.visible("#board .columns");
	}

	/** Opens a session with the panel's form; answers the join URL its QR modal shows. */
	private String openSessionInThePanel(Chromium panel, String label) {
		panel.type("#session-label", label);
		panel.click("#open-session button[type=submit]");
		panel.visible("#qr-modal[open] #qr-image svg");
		String joinUrl = text(panel, "#qr-url");
		panel.click("#qr-modal .close-modal");
		panel.visible("#col-OPENED .session[data-label='" + label + "'], #col-VERIFIED .session[data-label='" + label
				+ "']");
		return joinUrl;
	}

	/** What the board shows as an error (none, normally: an empty element is not displayed). */
	private static String errorShown(Chromium panel) {
		return (String) panel.script("return document.getElementById('open-session-error').textContent");
	}

	private void joinThroughTheApi(String joinUrl, String name) {
		String code = joinUrl.substring(joinUrl.lastIndexOf('/') + 1);
		anonymous().document("mutation($code: String!, $name: String!) {"
				+ " joinOrderSession(input: {code: $code, name: $name}) { token errors { code } } }")
			.variable("code", code)
			.variable("name", name)
			.execute()
			.path("joinOrderSession.errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** Nothing in localStorage, sessionStorage or the page's cookies (the PKCE verifier was removed on return). */
	private static void assertNoTokenKept(Chromium panel) {
		assertThat(panel.storage()).isEmpty();
		assertThat(panel.driver().manage().getCookies()).extracting(Cookie::getValue)
			.noneSatisfy(value -> assertThat(value).contains("eyJ"));
	}

	/** No console error on the panel, and what it loaded came from its own origin or from Keycloak. */
	private void assertOnlyOwnOriginAndProvider(Chromium panel) {
		List<String> errors = new ArrayList<>(panel.consoleErrors());
		errors.removeIf(entry -> entry.contains(keycloak.baseUrl()));
		assertThat(errors).as("console errors").isEmpty();
		assertThat(panel.loadedResources()).isNotEmpty()
			.allSatisfy(url -> assertThat(URI.create(url).resolve("/").toString()).isIn(base() + "/",
					keycloak.baseUrl() + "/"));
	}

	private static List<Object> plus(Object list, String value) {
		List<Object> values = new ArrayList<>((List<?>) list);
		values.add(value);
		return values;
	}

	/**
	 * Spring Security accepts a token up to 60 s after its expiry (its default clock skew, which Ordergraph keeps);
	 * without skew here, so that a panel still using its first token would be refused the moment it expires. Not a
	 * {@code @Configuration}, so component scanning never picks it up.
	 */
	static class PreciseExpiry {

		@Bean
		OAuth2TokenValidator<Jwt> expiryWithoutClockSkew() {
			return new JwtTimestampValidator(Duration.ZERO);
		}

	}

}
