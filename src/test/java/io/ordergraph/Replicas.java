package io.ordergraph;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * Application instances started as a deployment's replicas would be: against one shared PostgreSQL, trusting one test
 * token issuer, configured by command-line arguments (so that they win over application.yml, as a deployment's
 * environment would), with testers that talk to them over loopback.
 */
public final class Replicas {

	/** The integrations encryption key every replica shares (base64 of 32 bytes, tests only). */
	public static final String TEST_ENCRYPTION_KEY = "b3JkZXJncmFwaC10ZXN0LWtleS0zMi1ieXRlcy0wMDA=";

	private Replicas() {
	}

	/** Starts an instance on {@code database} of {@code postgres}; {@code extra} arguments are added last. */
	public static ConfigurableApplicationContext start(EmbeddedPostgres postgres, String database,
			JwksTestIssuer issuer, String bootstrapManager, String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri(),
				"--ordergraph.security.bootstrap-managers=" + bootstrapManager,
				// a deployment must set one (integrator secrets are encrypted at rest); the same on every replica
				"--ordergraph.integrations.encryption-key=" + TEST_ENCRYPTION_KEY));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(OrdergraphApplication.class).run(args.toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/** GraphQL over HTTP to that instance, with a bearer token (or none when null). */
	public static HttpGraphQlTester http(ConfigurableApplicationContext context, String token, Duration timeout) {
		WebTestClient.Builder client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port(context) + "/graphql")
			.responseTimeout(timeout);
		if (token != null) {
			client.defaultHeader("Authorization", "Bearer " + token);
		}
		return HttpGraphQlTester.create(client.build());
	}

	/** GraphQL over WebSocket to that instance, the token in connection_init's payload. */
	public static WebSocketGraphQlTester webSocket(ConfigurableApplicationContext context, String token,
			Duration timeout) {
		return WebSocketGraphQlTester
			.builder(URI.create("ws://127.0.0.1:" + port(context) + "/graphql"), new ReactorNettyWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}
			})
			.responseTimeout(timeout)
			.build();
	}

}
