package io.ordergraph;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.DevTokenIssuer;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.staff.EmployeeService;

/**
 * Boots the whole application once per suite on a random port against a fresh embedded PostgreSQL. Tests talk to it
 * over real HTTP and WebSocket, as a client would, with one tester per kind of caller. Each test makes its own
 * callers (random subjects) and data, so tests are independent of each other and of their order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ordergraph.embedded-db.data-directory=target/embedded-pg/${random.uuid}",
				"ordergraph.embedded-db.clean=true", "ordergraph.demo-data.enabled=false",
				"ordergraph.integrations.worker.backoff-base=100ms", "ordergraph.integrations.worker.poll-interval=100ms",
				"ordergraph.integrations.read-timeout=2s",
				"spring.jpa.properties.hibernate.session_factory.statement_inspector=io.ordergraph.SqlStatementCounter" })
@Import(SqlWork.class)
public abstract class IntegrationTest {

	@LocalServerPort
	protected int port;

	/** The actuator's own port (health, info, prometheus), as in production: a random one here. */
	@LocalManagementPort
	protected int managementPort;

	/** The address of {@code path} on loopback: on the actuator's own port for an {@code /actuator/} path. */
	protected String url(String path) {
		return "http://127.0.0.1:" + (path.startsWith("/actuator/") ? managementPort : port) + path;
	}

	/** The dev token issuer; null when a subclass configures a real issuer (see KeycloakIdentityIT). */
	@Autowired(required = false)
	protected DevTokenIssuer tokens;

	@Autowired
	protected EmployeeService employees;

	/**
	 * An invalid token over HTTP: 401 with the UNAUTHORIZED error in a GraphQL body, nothing executed. Answers the body
	 * for further checks.
	 */
	protected static WebTestClient.BodyContentSpec expectRefusedAsInvalid(int port, String token, String document) {
		return postWithBearer(port, token, document).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("UNAUTHORIZED");
	}

	/** A GraphQL document POSTed to {@code /graphql} on this port with this bearer token. */
	protected static WebTestClient.ResponseSpec postWithBearer(int port, String token, String document) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri("/graphql")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.header("Authorization", "Bearer " + token)
			.bodyValue(Map.of("query", document))
			.exchange();
	}

	/** A caller without a token. */
	protected HttpGraphQlTester anonymous() {
		return HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port + "/graphql")
			.responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	protected HttpGraphQlTester withToken(String token) {
		return anonymous().mutate().header("Authorization", "Bearer " + token).build();
	}

	/** A token for a new random subject with the given roles. */
	protected String token(String subject, String... roles) {
		return tokens.issue(subject, "Test " + subject, List.of(roles), Duration.ofMinutes(30));
	}

	/** A signed-in user with role customer (not yet registered as a customer). */
	protected HttpGraphQlTester customer() {
		return withToken(token(newSubject("customer"), Caller.ROLE_CUSTOMER));
	}

	/** An active employee holding exactly the given permissions (none: staff without any permission). */
	protected HttpGraphQlTester staff(Permission... permissions) {
		return withToken(staffToken(permissions));
	}

	protected String staffToken(Permission... permissions) {
		String subject = newSubject("staff");
		employees.ensure(subject, "Staff " + subject, null,
				permissions.length == 0 ? Set.of() : EnumSet.copyOf(List.of(permissions)));
		return token(subject, Caller.ROLE_STAFF);
	}

	/** An employee with every permission. */
	protected HttpGraphQlTester manager() {
		return staff(Permission.values());
	}

	protected static String newSubject(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	/** A GraphQL-over-WebSocket tester that sends the token in connection_init's payload (or none). */
	protected WebSocketGraphQlTester webSocket(String token) {
		WebSocketGraphQlTester.Builder<?> builder = WebSocketGraphQlTester
			.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new ReactorNettyWebSocketClient())
			.responseTimeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}
			});
		}
		return builder.build();
	}

}
