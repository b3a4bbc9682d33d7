package io.ordergraph.platform;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.IntegrationTest;
import io.ordergraph.OrdergraphApplication;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Identity end to end against a real Keycloak (issue 4): the realm file the project ships is imported into a Keycloak
 * started from the distribution the build unpacks, and Ordergraph is configured only by its issuer URI. Tokens are
 * real: a confidential test client with the password grant is created at runtime through the admin API (never in
 * the realm file), and the public frontend client {@code ordergraph-web} is exercised with authorization code + PKCE.
 * Runs with failsafe in {@code ./mvnw verify}; skipped, saying why, when the distribution is not there.
 */
@EnabledIf(value = "keycloakDistributionPresent",
		disabledReason = "no Keycloak distribution under target/keycloak (see the message above)")
@Import(KeycloakIdentityIT.PreciseExpiry.class)
@DirtiesContext
class KeycloakIdentityIT extends IntegrationTest {

	static final String REALM = "ordergraph";

	static final String MANAGER = "11111111-1111-4111-8111-111111111111";

	static final String STAFF = "22222222-2222-4222-8222-222222222222";

	static final String CUSTOMER = "33333333-3333-4333-8333-333333333333";

	/**
	 * A user of a second realm (Keycloak user ids are unique across realms). Listed as a bootstrap manager, so only
	 * the token's issuer and signature stand between its tokens and every permission.
	 */
	static final String FOREIGN_MANAGER = "44444444-4444-4444-8444-444444444444";

	static final String AUDIENCE = "ordergraph-api";

	/** Mirrors ordergraph-web's mappers (audience ordergraph-api), with the password grant. */
	private static final String CLIENT = "ordergraph-it";

	/** Like CLIENT, with access tokens that live a few seconds. */
	private static final String SHORT_CLIENT = "ordergraph-it-short";

	/** No audience mapper: its tokens are not meant for ordergraph-api. */
	private static final String NO_AUDIENCE_CLIENT = "ordergraph-it-no-audience";

	/** Like CLIENT, plus the realm roles copied into a custom claim {@code ordergraph.roles}. */
	private static final String CUSTOM_ROLES_CLIENT = "ordergraph-it-custom-roles";

	private static final String SECRET = UUID.randomUUID().toString();

	private static final Duration SHORT_LIFESPAN = Duration.ofSeconds(6);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// language=GraphQL
	private static final String ME = "{ me { subject name email roles permissions } }";

	// language=GraphQL
	private static final String EMPLOYEES = "{ employees(first: 1) { totalCount } }";

	private static KeycloakServer keycloak;

	private static boolean clientsCreated;

	/** Launches Keycloak; Ordergraph's context starts meanwhile (it needs only the issuer URI). */
	@BeforeAll
	static void launchKeycloak() throws Exception {
		Path home = KeycloakServer.home();
		assumeTrue(KeycloakServer.available(home), KeycloakIdentityIT::skipReason);
		keycloak = KeycloakServer.shared(); // the one Keycloak of the *IT classes
		clientsCreated = false;
	}

	/** Waits for Keycloak (bounded), then, once, creates the test clients through the admin API. */
	@BeforeEach
	void keycloakReady() throws Exception {
		prepareKeycloak();
	}

	private static synchronized void prepareKeycloak() throws Exception {
		keycloak.awaitReady(Duration.ofSeconds(Long.getLong("keycloak.start-timeout-seconds", 300)));
		if (clientsCreated) {
			return;
		}
		List<Map<String, Object>> frontendMappers = frontendClient().protocolMappers();
		keycloak.createTestClient(REALM, CLIENT, SECRET, Map.of(), frontendMappers);
		keycloak.createTestClient(REALM, SHORT_CLIENT, SECRET,
				Map.of("access.token.lifespan", String.valueOf(SHORT_LIFESPAN.toSeconds())), frontendMappers);
		keycloak.createTestClient(REALM, NO_AUDIENCE_CLIENT, SECRET, Map.of(), List.of());
		List<Map<String, Object>> customRoles = new ArrayList<>(frontendMappers);
		customRoles.add(Map.of("name", "realm roles as ordergraph.roles", "protocol", "openid-connect",
				"protocolMapper", "oidc-usermodel-realm-role-mapper", "config",
				Map.of("claim.name", "ordergraph.roles", "multivalued", "true", "jsonType.label", "String",
						"access.token.claim", "true", "id.token.claim", "false")));
		keycloak.createTestClient(REALM, CUSTOM_ROLES_CLIENT, SECRET, Map.of(), customRoles);
		clientsCreated = true;
	}

	/** For {@code @EnabledIf}: the class is reported as skipped, saying why, when there is no Keycloak. */
	static boolean keycloakDistributionPresent() {
		if (KeycloakServer.available(KeycloakServer.home())) {
			return true;
		}
		System.err.println("SKIPPED " + skipReason());
		return false;
	}

	static String skipReason() {
		return "KeycloakIdentityIT: no Keycloak distribution at " + KeycloakServer.home() + ". `./mvnw verify` "
				+ "unpacks org.keycloak:keycloak-quarkus-dist:zip there from Maven Central (unless -Dkeycloak.skip=true); "
				+ "without it the tests against a real identity provider cannot run.";
	}

	/** Ordergraph knows Keycloak only by its issuer URI (plus who the bootstrap manager is). */
	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> keycloak.issuer(REALM));
		registry.add("ordergraph.security.roles-claim", () -> "realm_access.roles");
		registry.add("ordergraph.security.bootstrap-managers", () -> MANAGER + "," + FOREIGN_MANAGER);
	}

	@Test
	void demoUsersSignInWithTheirFixedSubjectsAndRealmRoles() {
		String customer = keycloakToken("customer");
		assertThat(KeycloakServer.claims(customer)).containsEntry("sub", CUSTOMER)
			.containsEntry("iss", keycloak.issuer(REALM))
			.containsEntry("realm_access", Map.of("roles", List.of(Caller.ROLE_CUSTOMER)));
		assertThat(tokens).as("no dev token issuer next to a real issuer").isNull();

		withToken(keycloakToken("manager")).document(ME)
			.execute()
			.path("me.subject")
			.entity(String.class)
			.isEqualTo(MANAGER)
			.path("me.name")
			.entity(String.class)
			.isEqualTo("Demo Manager")
			.path("me.roles")
			.entityList(String.class)
			.containsExactly(Caller.ROLE_STAFF)
			.path("me.permissions")
			.entityList(Permission.class)
			.satisfies(permissions -> assertThat(permissions).containsExactlyInAnyOrder(Permission.values()));
		withToken(keycloakToken("staff")).document(ME)
			.execute()
			.path("me.subject")
			.entity(String.class)
			.isEqualTo(STAFF)
			.path("me.roles")
			.entityList(String.class)
			.containsExactly(Caller.ROLE_STAFF);
		withToken(customer).document(ME)
			.execute()
			.path("me.subject")
			.entity(String.class)
			.isEqualTo(CUSTOMER)
			.path("me.email")
			.entity(String.class)
			.isEqualTo("customer@ordergraph.example")
			.path("me.roles")
			.entityList(String.class)
			.containsExactly(Caller.ROLE_CUSTOMER)
			.path("me.permissions")
			.entityList(Permission.class)
			.hasSize(0);
	}

	@Test
	void customerIsForbiddenFromEmployees() {
		expectError(withToken(keycloakToken("customer")).document(EMPLOYEES).execute(), ErrorType.FORBIDDEN);
	}

	@Test
	void managerGrantsStaffAPermissionThatTheStaffUsersTokenThenCarries() {
		// The only test that gives the demo staff user an employee record.
		expectError(withToken(keycloakToken("staff")).document(EMPLOYEES).execute(), ErrorType.FORBIDDEN);
		HttpGraphQlTester manager = withToken(keycloakToken("manager"));
		String id = manager.document("""
				mutation($input: AddEmployeeInput!) {
				  addEmployee(input: $input) { employee { id subject permissions } errors { code message } }
				}""")
			.variable("input", Map.of("subject", STAFF, "name", "Demo Staff", "email", "staff@ordergraph.example"))
			.execute()
			.path("addEmployee.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("addEmployee.employee.subject")
			.entity(String.class)
			.isEqualTo(STAFF)
			.path("addEmployee.employee.id")
			.entity(String.class)
			.get();
		expectError(withToken(keycloakToken("staff")).document(EMPLOYEES).execute(), ErrorType.FORBIDDEN);

		manager.document("""
				mutation($input: ChangePermissionsInput!) {
				  grantPermissions(input: $input) { employee { permissions } errors { code message } }
				}""")
			.variable("input", Map.of("id", id, "permissions", List.of(Permission.MANAGE_STAFF.name())))
			.execute()
			.path("grantPermissions.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("grantPermissions.employee.permissions")
			.entityList(Permission.class)
			.containsExactly(Permission.MANAGE_STAFF);

		String staff = keycloakToken("staff");
		withToken(staff).document("""
				query($filter: EmployeeFilter) {
				  employees(first: 10, filter: $filter) { edges { node { subject name } } }
				}""")
			.variable("filter", Map.of("search", STAFF))
			.execute()
			.path("employees.edges[*].node.subject")
			.entityList(String.class)
			.containsExactly(STAFF);
		withToken(staff).document(ME)
			.execute()
			.path("me.permissions")
			.entityList(Permission.class)
			.containsExactly(Permission.MANAGE_STAFF);
	}

	@Test
	void webSocketOperationsAndSubscriptionsAuthenticateWithAKeycloakTokenInConnectionInit() {
		webSocket(keycloakToken("customer")).document("{ me { subject roles } }")
			.execute()
			.path("me.subject")
			.entity(String.class)
			.isEqualTo(CUSTOMER)
			.path("me.roles")
			.entityList(String.class)
			.containsExactly(Caller.ROLE_CUSTOMER);
		expectError(webSocket(keycloakToken("customer")).document(EMPLOYEES).execute(), ErrorType.FORBIDDEN);
		// a live subscription: the manager's Keycloak token in connection_init authorizes it
		reactor.test.StepVerifier.create(webSocket(keycloakToken("manager")).document("subscription { pendingFulfilmentCount }")
			.executeSubscription()
			.toFlux("pendingFulfilmentCount", Integer.class))
			.assertNext(count -> org.assertj.core.api.Assertions.assertThat(count).isNotNegative())
			.thenCancel()
			.verify(java.time.Duration.ofSeconds(30));
		reactor.test.StepVerifier.create(webSocket(keycloakToken("customer")).document("subscription { pendingFulfilmentCount }")
			.executeSubscription()
			.toFlux("pendingFulfilmentCount", Integer.class))
			.expectError()
			.verify(java.time.Duration.ofSeconds(30));
		String forged = flipSignature(keycloakToken("manager"));
		assertThatThrownBy(() -> webSocket(forged).document(ME).execute()).isInstanceOf(Exception.class);
	}

	@Test
	void expiredKeycloakTokenIsUnauthorized() {
		withToken(keycloakToken("customer")).document("{ me { subject } }").executeAndVerify(); // JWKs fetched
		String token = keycloak.passwordGrant(REALM, SHORT_CLIENT, SECRET, "customer", "customer");
		Map<String, Object> claims = KeycloakServer.claims(token);
		Instant issuedAt = Instant.ofEpochSecond(((Number) claims.get("iat")).longValue());
		Instant expiresAt = Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
		assertThat(Duration.between(issuedAt, expiresAt)).isEqualTo(SHORT_LIFESPAN);
		withToken(token).document("{ me { subject } }")
			.execute()
			.path("me.subject")
			.entity(String.class)
			.isEqualTo(CUSTOMER);

		// Poll until refused; the first refusal must come after exp, never before.
		AtomicReference<Instant> refusedAt = new AtomicReference<>();
		await().atMost(SHORT_LIFESPAN.plusSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			boolean refused = refusedAsInvalid(port, token, "{ me { subject } }");
			if (refused) {
				refusedAt.set(Instant.now());
			}
			return refused;
		});
		assertThat(refusedAt.get()).isAfter(expiresAt);
		assertThat(refusedAsInvalid(port, token, "{ me { subject } }")).isTrue();
	}

	@Test
	void tokenFromAnotherRealmOfTheSameKeycloakIsUnauthorized() {
		String other = "ordergraph-other";
		keycloak.adminCreate("/admin/realms", Map.of("realm", other, "enabled", true, "roles",
				Map.of("realm", List.of(Map.of("name", Caller.ROLE_CUSTOMER), Map.of("name", Caller.ROLE_STAFF))),
				"users",
				List.of(Map.of("id", FOREIGN_MANAGER, "username", "manager", "email", "manager@other.example",
						"emailVerified", true, "firstName", "Other", "lastName", "Manager", "enabled", true,
						"credentials", List.of(Map.of("type", "password", "value", "manager", "temporary", false)),
						"realmRoles", List.of(Caller.ROLE_STAFF))),
				"clients",
				List.of(Map.of("clientId", CLIENT, "enabled", true, "publicClient", false, "secret", SECRET,
						"directAccessGrantsEnabled", true, "standardFlowEnabled", false))));
		String foreign = keycloak.passwordGrant(other, CLIENT, SECRET, "manager", "manager");
		assertThat(KeycloakServer.claims(foreign)).containsEntry("sub", FOREIGN_MANAGER)
			.containsEntry("iss", keycloak.issuer(other));
		assertThat(refusedAsInvalid(port, foreign, ME)).isTrue();
		assertThat(refusedAsInvalid(port, foreign, EMPLOYEES)).isTrue();
	}

	@Test
	void tamperedKeycloakTokensAreUnauthorized() {
		String token = keycloakToken("customer");
		String[] parts = token.split("\\.");
		Map<String, Object> claims = new LinkedHashMap<>(KeycloakServer.claims(token));
		claims.put("sub", MANAGER);
		claims.put("realm_access", Map.of("roles", List.of(Caller.ROLE_STAFF)));
		String forgedClaims = parts[0] + "." + base64Url(JSON.writeValueAsBytes(claims)) + "." + parts[2];
		String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[1] + ".";
		for (String forged : List.of(forgedClaims, flipSignature(token), unsigned, parts[0] + "." + parts[1])) {
			assertThat(refusedAsInvalid(port, forged, ME)).isTrue();
		}
		withToken(token).document("{ me { subject } }")
			.execute()
			.path("me.subject")
			.entity(String.class)
			.isEqualTo(CUSTOMER);
	}

	@Test
	void audiencesAndRolesClaimAreEnforcedAsConfigured() {
		try (ConfigurableApplicationContext api = new SpringApplicationBuilder(OrdergraphApplication.class)
			.initializers(context -> context.getBeanFactory()
				.registerSingleton("excludeTestConfigurations", new ExcludeTestConfigurations()))
			.run("--server.port=0", "--ordergraph.embedded-db.data-directory=target/embedded-pg/" + UUID.randomUUID(),
					"--ordergraph.embedded-db.clean=true", "--ordergraph.demo-data.enabled=false",
					"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuer(REALM),
					"--spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE,
					"--ordergraph.security.roles-claim=ordergraph.roles")) {
			int apiPort = api.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

			String custom = keycloak.passwordGrant(REALM, CUSTOM_ROLES_CLIENT, SECRET, "customer", "customer");
			assertThat(audiences(custom)).contains(AUDIENCE);
			assertThat(KeycloakServer.claims(custom)).containsEntry("ordergraph",
					Map.of("roles", List.of(Caller.ROLE_CUSTOMER)));
			client(apiPort, custom).document("{ me { subject roles } }")
				.execute()
				.path("me.subject")
				.entity(String.class)
				.isEqualTo(CUSTOMER)
				.path("me.roles")
				.entityList(String.class)
				.containsExactly(Caller.ROLE_CUSTOMER);

			// Right audience, but no ordergraph.roles claim: signed in, without roles.
			client(apiPort, keycloakToken("customer")).document("{ me { subject roles } }")
				.execute()
				.path("me.subject")
				.entity(String.class)
				.isEqualTo(CUSTOMER)
				.path("me.roles")
				.entityList(String.class)
				.hasSize(0);

			String noAudience = keycloak.passwordGrant(REALM, NO_AUDIENCE_CLIENT, SECRET, "customer", "customer");
			assertThat(audiences(noAudience)).doesNotContain(AUDIENCE);
			assertThat(refusedAsInvalid(apiPort, noAudience, ME)).isTrue();
			// Without the audiences setting (this class's own context) the same token is accepted.
			withToken(noAudience).document("{ me { subject } }")
				.execute()
				.path("me.subject")
				.entity(String.class)
				.isEqualTo(CUSTOMER);
		}
	}

	@Test
	void frontendClientSignsInWithAuthorizationCodeAndPkce() throws Exception {
		RealmFile.Client web = frontendClient();
		assertThat(web.publicClient()).isTrue();
		String redirect = "http://localhost:5173/callback";
		String authorize = keycloak.issuer(REALM) + "/protocol/openid-connect/auth?";
		Map<String, String> cookies = new LinkedHashMap<>();

		HttpResponse<String> withoutPkce = get(authorize + KeycloakServer.form(Map.of("client_id", web.clientId(),
				"response_type", "code", "redirect_uri", redirect, "scope", "openid", "state", "s0")), cookies);
		assertThat(withoutPkce.statusCode()).isEqualTo(302);
		assertThat(location(withoutPkce)).startsWith(redirect).contains("error=invalid_request");

		String verifier = randomVerifier();
		HttpResponse<String> foreignRedirect = get(authorize + authorizeQuery(web, "https://evil.example/callback",
				verifier), cookies);
		assertThat(foreignRedirect.statusCode()).isEqualTo(400);

		HttpResponse<String> loginPage = get(authorize + authorizeQuery(web, redirect, verifier), cookies);
		assertThat(loginPage.statusCode()).isEqualTo(200);
		Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(action.find()).as("login form").isTrue();
		HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString(KeycloakServer.form(Map.of("username", "customer", "password", "customer")))),
				cookies);
		assertThat(signedIn.statusCode()).as("after the login form").isEqualTo(302);
		String code = queryParameter(location(signedIn), "code");

		// The code is bound to the verifier: another verifier gets nothing (and uses the code up).
		assertThatThrownBy(() -> exchange(web, code, redirect, randomVerifier()))
			.hasMessageContaining("invalid_grant");

		// Signed in already (session cookie): a new authorization request answers with a code at once.
		String verifier2 = randomVerifier();
		HttpResponse<String> again = get(authorize + authorizeQuery(web, redirect, verifier2), cookies);
		assertThat(again.statusCode()).isEqualTo(302);
		String accessToken = (String) exchange(web, queryParameter(location(again), "code"), redirect, verifier2)
			.get("access_token");
		assertThat(KeycloakServer.claims(accessToken)).containsEntry("azp", web.clientId())
			.containsEntry("sub", CUSTOMER);
		assertThat(audiences(accessToken)).contains(AUDIENCE);
		withToken(accessToken).document("{ me { subject roles } }")
			.execute()
			.path("me.subject")
			.entity(String.class)
			.isEqualTo(CUSTOMER)
			.path("me.roles")
			.entityList(String.class)
			.containsExactly(Caller.ROLE_CUSTOMER);
	}

	// ---- helpers ----

	private static String keycloakToken(String demoUser) {
		return keycloak.passwordGrant(REALM, CLIENT, SECRET, demoUser, demoUser);
	}

	private static void expectError(GraphQlTester.Response response, ErrorType type) {
		response.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(type)));
	}

	/** An invalid token over HTTP: 401 with WWW-Authenticate and the UNAUTHORIZED error in a GraphQL body. */
	private static boolean refusedAsInvalid(int port, String token, String document) {
		var result = postWithBearer(port, token, document).expectBody(String.class)
			.returnResult();
		String challenge = result.getResponseHeaders().getFirst("WWW-Authenticate");
		return result.getStatus().value() == 401 && challenge != null && challenge.contains("invalid_token")
				&& result.getResponseBody() != null && result.getResponseBody().contains("\"UNAUTHORIZED\"");
	}

	private static HttpGraphQlTester client(int port, String token) {
		return HttpGraphQlTester
			.create(WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + port + "/graphql")
				.responseTimeout(Duration.ofSeconds(30))
				.build())
			.mutate()
			.header("Authorization", "Bearer " + token)
			.build();
	}

	private static String flipSignature(String token) {
		String[] parts = token.split("\\.");
		char[] signature = parts[2].toCharArray();
		int middle = signature.length / 2;
		signature[middle] = (signature[middle] == 'A') ? 'B' : 'A';
		return parts[0] + "." + parts[1] + "." + new String(signature);
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static List<String> audiences(String token) {
		Object aud = KeycloakServer.claims(token).get("aud");
		if (aud instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return (aud == null) ? List.of() : List.of(String.valueOf(aud));
	}

	private static String randomVerifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return base64Url(bytes);
	}

	private static String authorizeQuery(RealmFile.Client web, String redirect, String verifier) throws Exception {
		String challenge = base64Url(
				MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		return KeycloakServer.form(Map.of("client_id", web.clientId(), "response_type", "code", "redirect_uri",
				redirect, "scope", "openid", "state", UUID.randomUUID().toString(), "code_challenge", challenge,
				"code_challenge_method", "S256"));
	}

	private static Map<String, Object> exchange(RealmFile.Client web, String code, String redirect, String verifier) {
		// A public client: no secret, the verifier proves it is the one that started the flow.
		return keycloak.post(keycloak.issuer(REALM) + "/protocol/openid-connect/token",
				Map.of("grant_type", "authorization_code", "client_id", web.clientId(), "code", code, "redirect_uri",
						redirect, "code_verifier", verifier));
	}

	private static HttpResponse<String> get(String url, Map<String, String> cookies) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), cookies);
	}

	/** Sends with the cookies so far and keeps the ones set (Keycloak marks them Secure, even over http). */
	private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) {
		if (!cookies.isEmpty()) {
			request.header("Cookie", String.join("; ",
					cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
		}
		HttpResponse<String> response = keycloak.send(request.timeout(Duration.ofSeconds(60)).build());
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int eq = pair.indexOf('=');
			String name = pair.substring(0, eq).strip();
			String value = pair.substring(eq + 1).strip();
			if (value.isEmpty() || header.contains("Max-Age=0")) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
		return response;
	}

	private static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String queryParameter(String url, String name) {
		String query = URI.create(url).getRawQuery();
		return Arrays.stream(query.split("&"))
			.map(p -> p.split("=", 2))
			.filter(p -> p[0].equals(name))
			.map(p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in " + url));
	}

	private static RealmFile.Client frontendClient() throws Exception {
		return RealmFile.read(KeycloakServer.realmFile()).client("ordergraph-web");
	}

	/**
	 * Spring Security accepts tokens up to 60 s past {@code exp} (its default clock skew, which Ordergraph keeps).
	 * This test context adds a validator without skew so that the expiry test need not wait a minute; the check it
	 * exercises, {@code exp} read from Keycloak's token, is the same. Not a {@code @Configuration}, so component
	 * scanning never picks it up.
	 */
	static class PreciseExpiry {

		@Bean
		OAuth2TokenValidator<Jwt> expiryWithoutClockSkew() {
			return new JwtTimestampValidator(Duration.ZERO);
		}

	}

	/** Keeps test configurations out of the extra application started by a test, as Spring Boot's tests do. */
	static final class ExcludeTestConfigurations extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			return reader.getAnnotationMetadata().isAnnotated(TestConfiguration.class.getName());
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ExcludeTestConfigurations;
		}

		@Override
		public int hashCode() {
			return ExcludeTestConfigurations.class.hashCode();
		}

	}

}
