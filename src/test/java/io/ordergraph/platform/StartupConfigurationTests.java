package io.ordergraph.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.ExpectedFailures;
import io.ordergraph.JwksTestIssuer;
import io.ordergraph.OrdergraphApplication;
import io.ordergraph.platform.security.ConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configurations Ordergraph must refuse at start, saying what to set, and the dev token issuer's safety. */
class StartupConfigurationTests {

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void start() throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "embedded-pg", "startup-" + UUID.randomUUID()));
		postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	private static ConfigurableApplicationContext run(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		return new SpringApplicationBuilder(OrdergraphApplication.class).run(all);
	}

	/** A start that must fail: its failure report is printed as expected, not as an error. */
	private static ConfigurableApplicationContext refused(String... args) throws Exception {
		return ExpectedFailures.expect("a deliberate start-up refusal", () -> run(args));
	}

	private static String externalDatabase() {
		return "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres");
	}

	private static ConfigurationException rootConfigurationException(Throwable thrown) {
		Throwable t = thrown;
		while (t != null && !(t instanceof ConfigurationException)) {
			t = t.getCause();
		}
		assertThat(t).as("a ConfigurationException in " + thrown).isNotNull();
		return (ConfigurationException) t;
	}

	@Test
	void anExternalDatabaseWithoutAnIssuerIsRefused() {
		assertThatThrownBy(() -> refused(externalDatabase(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres"))
			.satisfies(e -> assertThat(rootConfigurationException(e).action())
				.contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"));
	}

	@Test
	void aMalformedIssuerUrlIsRefused() {
		assertThatThrownBy(() -> refused("--spring.security.oauth2.resourceserver.jwt.issuer-uri=not a url",
				"--ordergraph.embedded-db.data-directory=target/embedded-pg/startup-" + UUID.randomUUID(),
				"--ordergraph.embedded-db.clean=true"))
			.satisfies(e -> assertThat(rootConfigurationException(e).getMessage()).contains("not a valid http(s) URL"));
	}

	@Test
	void devTokensCannotBeForcedOnWithAnExternalDatabase() {
		assertThatThrownBy(() -> refused(externalDatabase(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--ordergraph.dev-token.enabled=true"))
			.satisfies(e -> assertThat(rootConfigurationException(e).action()).contains("ORDERGRAPH_DEV_TOKEN_ENABLED"));
	}

	@Test
	void withAnExternalIssuerTheDevTokenEndpointDoesNotExist() throws Exception {
		try (JwksTestIssuer issuer = new JwksTestIssuer();
				ConfigurableApplicationContext context = run(
						"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri(),
						"--ordergraph.embedded-db.data-directory=target/embedded-pg/startup-" + UUID.randomUUID(),
						"--ordergraph.embedded-db.clean=true", "--ordergraph.demo-data.enabled=false")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
			http.post()
				.uri("/dev/token")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"sub\":\"x\",\"roles\":[\"staff\"]}")
				.exchange()
				.expectStatus()
				.value(status -> assertThat(status).isIn(401, 403, 404));
			// while tokens of the configured issuer work
			http.post()
				.uri("/graphql")
				.header("Authorization", "Bearer " + issuer.token("someone", java.util.List.of("customer")))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"query\":\"{ me { subject } }\"}")
				.exchange()
				.expectBody()
				.jsonPath("$.data.me.subject")
				.isEqualTo("someone");
		}
	}

	@Test
	void withAnIdentityProviderOurPagesMayTalkToItAndNothingElse() {
		// the issuer is read lazily, on the first token: a closed loopback port is enough here
		String issuer = "http://127.0.0.1:9/realms/ordergraph";
		try (ConfigurableApplicationContext context = run(
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
				// where browsers reach the same provider (the staff panel signs in there)
				"--ordergraph.web.oidc-issuer=http://localhost:9/realms/ordergraph",
				"--ordergraph.embedded-db.data-directory=target/embedded-pg/startup-" + UUID.randomUUID(),
				"--ordergraph.embedded-db.clean=true", "--ordergraph.demo-data.enabled=false")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
			for (String page : new String[] { "/graphiql", "/panel", "/join/ABCD-1234" }) {
				http.get()
					.uri(page)
					.accept(MediaType.TEXT_HTML)
					.exchange()
					.expectHeader()
					.value("Content-Security-Policy", csp -> assertThat(csp.split(";\\s*")).as(page)
						.contains("connect-src 'self' http://localhost:9 http://127.0.0.1:9",
								"form-action 'self' http://localhost:9 http://127.0.0.1:9",
								"script-src 'self'", "default-src 'self'", "frame-ancestors 'none'"));
			}
		}
	}

	@Test
	void withoutAnIntegrationsEncryptionKeyAnExternalDatabaseIsRefused() throws Exception {
		try (JwksTestIssuer issuer = new JwksTestIssuer()) {
			assertThatThrownBy(() -> refused(externalDatabaseWithIssuer(issuer, "--ordergraph.integrations.encryption-key=")))
				.satisfies(e -> {
					assertThat(rootConfigurationException(e).getMessage()).contains("encrypt integrator secrets");
					assertThat(rootConfigurationException(e).action()).contains("ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY");
				});
			assertThatThrownBy(() -> refused(externalDatabaseWithIssuer(issuer,
					"--ordergraph.integrations.encryption-key=c2hvcnQ=")))
				.satisfies(e -> assertThat(rootConfigurationException(e).getMessage())
					.contains("ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY is not a base64 AES key"));
		}
	}

	/** An external database and a token issuer: a production start but for what the test adds. */
	private static String[] externalDatabaseWithIssuer(JwksTestIssuer issuer, String... extra) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(externalDatabase(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri()));
		args.addAll(java.util.List.of(extra));
		return args.toArray(String[]::new);
	}

}
