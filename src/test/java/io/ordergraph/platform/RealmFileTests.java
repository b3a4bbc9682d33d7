package io.ordergraph.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ordergraph.platform.security.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keycloak realm that docker-compose and KeycloakIdentityIT import agrees with what Ordergraph maps: its roles,
 * the demo identities used everywhere, and a public frontend client with PKCE. Plain JUnit, no Spring.
 */
class RealmFileTests {

	static final Path REALM_FILE = Path.of("keycloak/realm-ordergraph.json");

	static final Path COMPOSE_FILE = Path.of("docker-compose.yml");

	private static RealmFile realm;

	@BeforeAll
	static void read() throws IOException {
		realm = RealmFile.read(REALM_FILE);
	}

	@Test
	void realmIsOrdergraph() {
		assertThat(realm.realm()).isEqualTo("ordergraph");
		assertThat(realm.json()).containsEntry("enabled", true);
	}

	@Test
	void realmRolesAreExactlyTheRolesOrdergraphMaps() {
		assertThat(realm.realmRoles()).containsExactlyInAnyOrder(Caller.ROLE_CUSTOMER, Caller.ROLE_STAFF);
	}

	@Test
	void demoUsersHaveTheirFixedSubjectsAndRoles() {
		assertDemoUser("manager", "11111111-1111-4111-8111-111111111111", Caller.ROLE_STAFF);
		assertDemoUser("staff", "22222222-2222-4222-8222-222222222222", Caller.ROLE_STAFF);
		assertDemoUser("customer", "33333333-3333-4333-8333-333333333333", Caller.ROLE_CUSTOMER);
		assertThat(realm.users()).hasSize(3);
	}

	private static void assertDemoUser(String username, String subject, String role) {
		RealmFile.User user = realm.user(username);
		assertThat(user.id()).as("id (the token's sub) of %s", username).isEqualTo(subject);
		assertThat(user.enabled()).isTrue();
		assertThat(user.realmRoles()).as("realm roles of %s", username).containsExactly(role);
		// Demo-only password: the username, not temporary (so the password grant and the login work at once).
		assertThat(user.credentials()).singleElement()
			.satisfies(c -> assertThat(c).containsEntry("type", "password")
				.containsEntry("value", username)
				.containsEntry("temporary", false));
		// Keycloak's user profile asks for these before the first login otherwise.
		assertThat(user.json()).containsKeys("email", "firstName", "lastName");
	}

	@Test
	void frontendClientIsPublicWithAuthorizationCodeAndPkce() {
		RealmFile.Client web = realm.client("ordergraph-web");
		assertThat(web.publicClient()).isTrue();
		assertThat(web.json()).doesNotContainKey("secret");
		assertThat(web.flag("standardFlowEnabled")).isTrue();
		assertThat(web.flag("implicitFlowEnabled")).isFalse();
		assertThat(web.flag("directAccessGrantsEnabled")).isFalse();
		assertThat(web.flag("serviceAccountsEnabled")).isFalse();
		assertThat(web.attribute("pkce.code.challenge.method")).isEqualTo("S256");
		assertThat(web.redirectUris()).containsExactlyInAnyOrder("http://localhost:5173/*", "http://localhost:3000/*",
				"http://localhost:8080/*");
		assertThat(web.webOrigins()).containsExactlyInAnyOrder("http://localhost:5173", "http://localhost:3000",
				"http://localhost:8080");
		assertThat(web.protocolMappers()).anySatisfy(mapper -> assertThat(mapper)
			.containsEntry("protocolMapper", "oidc-audience-mapper")
			.containsEntry("config", Map.of("included.custom.audience", "ordergraph-api", "access.token.claim", "true",
					"id.token.claim", "false", "introspection.token.claim", "true")));
	}

	@Test
	void realmHoldsNoConfidentialClient() {
		// Test clients with secrets are created at runtime by KeycloakIdentityIT, never shipped.
		assertThat(realm.clients()).allSatisfy(client -> {
			assertThat(client.publicClient()).as("%s is public", client.clientId()).isTrue();
			assertThat(client.json()).doesNotContainKey("secret");
		});
	}

	@Test
	void dockerComposeImportsThisRealmAndPointsTheAppAtItsIssuer() throws IOException {
		String compose = Files.readString(COMPOSE_FILE);
		assertThat(compose).contains("./keycloak/realm-ordergraph.json:/opt/keycloak/data/import/realm-ordergraph.json")
			.contains("--import-realm")
			.contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")
			.contains("/realms/ordergraph")
			.contains("ORDERGRAPH_BOOTSTRAP_MANAGERS")
			.contains("11111111-1111-4111-8111-111111111111");
	}

}
