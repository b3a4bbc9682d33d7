package io.ordergraph.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.ordergraph.ExpectedFailures;
import io.ordergraph.JwksTestIssuer;
import io.ordergraph.OrdergraphApplication;
import io.ordergraph.platform.security.ConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside embedded mode Ordergraph refuses to start without a usable key for integrator secrets, saying what to set. */
class IntegrationStartupTests {

	private static EmbeddedPostgres postgres;

	private static JwksTestIssuer issuer;

	@BeforeAll
	static void start() throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "embedded-pg", "integration-startup-" + UUID.randomUUID()));
		postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
		issuer = new JwksTestIssuer();
	}

	@AfterAll
	static void stop() throws Exception {
		issuer.close();
		postgres.close();
	}

	private static void refusedWith(String... extra) throws Exception {
		String[] args = new String[5 + extra.length];
		args[0] = "--server.port=0";
		args[1] = "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres");
		args[2] = "--spring.datasource.username=postgres";
		args[3] = "--spring.datasource.password=postgres";
		args[4] = "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri();
		System.arraycopy(extra, 0, args, 5, extra.length);
		ExpectedFailures.expect("a deliberate start-up refusal",
				() -> {
					new SpringApplicationBuilder(OrdergraphApplication.class).run(args).close();
					return null;
				});
	}

	private static ConfigurationException configurationException(Throwable thrown) {
		Throwable t = thrown;
		while (t != null && !(t instanceof ConfigurationException)) {
			t = t.getCause();
		}
		assertThat(t).as("a ConfigurationException in " + thrown).isNotNull();
		return (ConfigurationException) t;
	}

	@Test
	void withoutAnEncryptionKeyAnExternalDatabaseIsRefused() {
		assertThatThrownBy(() -> refusedWith("--ordergraph.integrations.encryption-key="))
			.satisfies(e -> {
				assertThat(configurationException(e).getMessage()).contains("encrypt integrator secrets");
				assertThat(configurationException(e).action()).contains("ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY");
			});
	}

	@Test
	void aKeyOfTheWrongSizeIsRefused() {
		assertThatThrownBy(() -> refusedWith("--ordergraph.integrations.encryption-key=c2hvcnQ="))
			.satisfies(e -> assertThat(configurationException(e).getMessage())
				.contains("ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY is not a base64 AES key"));
	}

}
