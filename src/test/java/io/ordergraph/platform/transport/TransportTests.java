package io.ordergraph.platform.transport;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.IntegrationTest;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each transport of /graphql answers: HTTP status codes, SSE, WebSocket origins and messages. */
class TransportTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	// language=GraphQL
	private static final String SUBSCRIPTION = "subscription { pendingFulfilmentCount }";

	private WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT).build();
	}

	private EntityExchangeResult<String> post(String body, String... headers) {
		WebTestClient.RequestBodySpec request = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
		for (int i = 0; i < headers.length; i += 2) {
			request = request.header(headers[i], headers[i + 1]);
		}
		return request.bodyValue(body).exchange().expectBody(String.class).returnResult();
	}

	private static String query(String document) {
		return JSON.writeValueAsString(Map.of("query", document));
	}

	private static JsonNode firstError(String body) {
		JsonNode json = JSON.readTree(body);
		assertThat(json.has("errors")).as(body).isTrue();
		return json.get("errors").get(0);
	}

	@Test
	void anInvalidBearerTokenIsAnswered401AsRfc6750Says() {
		EntityExchangeResult<String> result = post(query("{ me { subject } }"), "Authorization", "Bearer not-a-jwt");
		assertThat(result.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"invalid_token\"");
		JsonNode error = firstError(result.getResponseBody());
		assertThat(error.at("/extensions/classification").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(JSON.readTree(result.getResponseBody()).has("data")).isFalse();
	}

	@Test
	void anExpiredBearerTokenIsAnswered401Too() {
		String expired = tokens.issue(newSubject("expired"), "Old", List.of("customer"), Duration.ofSeconds(-120));
		EntityExchangeResult<String> result = post(query("{ me { subject } }"), "Authorization", "Bearer " + expired,
				"Accept", "application/json");
		assertThat(result.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"invalid_token\"");
		assertThat(firstError(result.getResponseBody()).at("/extensions/classification").asString())
			.isEqualTo("UNAUTHORIZED");
	}

	@Test
	void aMissingTokenOnAProtectedFieldStaysAFieldError() {
		EntityExchangeResult<String> result = post(query("{ employees(first: 1) { totalCount } }"));
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(result.getResponseHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
		JsonNode error = firstError(result.getResponseBody());
		assertThat(error.at("/extensions/classification").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(error.at("/path/0").asString()).isEqualTo("employees");
	}

	@Test
	void aSubscriptionOverAPlainPostIsARequestErrorNamingTheTransports() {
		String token = staffToken(Permission.MANAGE_ORDERS);
		EntityExchangeResult<String> result = post(query(SUBSCRIPTION), "Authorization", "Bearer " + token, "Accept",
				"application/graphql-response+json");
		JsonNode body = JSON.readTree(result.getResponseBody());
		assertThat(body.has("data")).as(result.getResponseBody()).isFalse();
		JsonNode error = firstError(result.getResponseBody());
		assertThat(error.at("/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(error.get("message").asString()).contains("graphql-transport-ws").contains("text/event-stream");
		// GraphQL over HTTP: a request error is a 400 with application/graphql-response+json (200 with application/json)
		assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void apollosMultipartSubscriptionAcceptHeaderGetsTheSameClearAnswer() {
		String token = staffToken(Permission.MANAGE_ORDERS);
		String document = JSON.writeValueAsString(Map.of("query",
				"query Q { __typename } subscription Live { pendingFulfilmentCount }", "operationName", "Live"));
		EntityExchangeResult<String> result = post(document, "Authorization", "Bearer " + token, "Accept",
				"multipart/mixed;subscriptionSpec=\"1.0\", application/json");
		assertThat(JSON.readTree(result.getResponseBody()).has("data")).as(result.getResponseBody()).isFalse();
		JsonNode error = firstError(result.getResponseBody());
		assertThat(error.get("message").asString()).contains("multipart").contains("graphql-transport-ws");
		assertThat(error.at("/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		// the query of the same document still runs over plain HTTP
		String query = JSON.writeValueAsString(Map.of("query",
				"query Q { __typename } subscription Live { pendingFulfilmentCount }", "operationName", "Q"));
		assertThat(JSON.readTree(post(query).getResponseBody()).at("/data/__typename").asString()).isEqualTo("Query");
	}

	@Test
	void serverSentEventsCarryASubscriptionForABearerToken() {
		String token = staffToken(Permission.MANAGE_ORDERS);
		List<String> events = http().post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("Authorization", "Bearer " + token)
			.bodyValue(query(SUBSCRIPTION))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.filter(data -> !data.isBlank())
			.take(1)
			.collectList()
			.block(TIMEOUT);
		assertThat(events).singleElement()
			.satisfies(data -> assertThat(JSON.readTree(data).at("/data/pendingFulfilmentCount").isInt()).as(data)
				.isTrue());
	}

	@Test
	void serverSentEventsAreAuthorizedLikeAnyOperation() {
		List<String> events = http().post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("Authorization", "Bearer " + token(newSubject("shopper"), "customer"))
			.bodyValue(query(SUBSCRIPTION))
			.exchange()
			.returnResult(String.class)
			.getResponseBody()
			.filter(data -> !data.isBlank())
			.take(1)
			.collectList()
			.block(TIMEOUT);
		assertThat(events).singleElement()
			.satisfies(data -> assertThat(firstError(data).at("/extensions/classification").asString())
				.isEqualTo("FORBIDDEN"));
	}

	@Test
	void aJsonArrayBatchIsAnsweredWithAGraphQlBody() {
		EntityExchangeResult<String> result = post("[" + query("{ __typename }") + "," + query("{ __typename }") + "]");
		assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode error = firstError(result.getResponseBody());
		assertThat(error.at("/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(error.get("message").asString()).contains("batches");
		assertThat(JSON.readTree(result.getResponseBody()).has("status")).isFalse();
	}

	@Test
	void anOversizedChunkedBodyIsAnswered413WithAGraphQlBody() {
		byte[] chunk = ("{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + "y".repeat(150_000) + "\"}}")
			.getBytes(StandardCharsets.UTF_8);
		EntityExchangeResult<String> result = http().post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(chunk)), DataBuffer.class)
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getRequestHeaders().containsHeader(HttpHeaders.CONTENT_LENGTH)).isFalse();
		assertThat(result.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		JsonNode error = firstError(result.getResponseBody());
		assertThat(error.at("/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(error.get("message").asString()).contains("larger than");
	}

	@Test
	void aGetOrANonJsonBodyIsAnsweredWithAGraphQlBody() {
		EntityExchangeResult<String> get = http().get().uri("/graphql").exchange().expectBody(String.class).returnResult();
		assertThat(get.getStatus()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(firstError(get.getResponseBody()).get("message").asString()).contains("POST");
		EntityExchangeResult<String> text = http().post()
			.uri("/graphql")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("{ __typename }")
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(text.getStatus()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(firstError(text.getResponseBody()).at("/extensions/classification").asString())
			.isEqualTo("BAD_REQUEST");
	}

	@Test
	void otherPathsKeepTheUsualErrorJson() {
		String body = http().get()
			.uri("/no-such-page")
			.header("Authorization", "Bearer " + staffToken())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"status\":404").doesNotContain("classification");
	}

	@Test
	void theWebSocketHandshakeAcceptsAnAllowedOriginAndRefusesAForeignOne() throws Exception {
		// embedded mode allows the frontend dev servers by default
		BlockingQueue<String> messages = new LinkedBlockingQueue<>();
		WebSocket socket = connect("http://localhost:5173", messages);
		socket.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
		assertThat(messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).contains("connection_ack");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		assertThatThrownBy(() -> connect("http://evil.example", new LinkedBlockingQueue<>()))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					ex -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	void httpCorsFollowsTheSameOrigins() {
		http().options()
			.uri("/graphql")
			.header("Origin", "http://localhost:3000")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "http://localhost:3000");
		http().options()
			.uri("/graphql")
			.header("Origin", "http://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void connectionAckCarriesNoNullId() throws Exception {
		BlockingQueue<String> messages = new LinkedBlockingQueue<>();
		WebSocket socket = connect(null, messages);
		socket.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
		String ack = messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(ack).isNotNull();
		JsonNode json = JSON.readTree(ack);
		assertThat(json.get("type").asString()).isEqualTo("connection_ack");
		assertThat(json.has("id")).as(ack).isFalse();
		// null values inside a result stay: they are data
		socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ me { subject } }\"}}", true);
		String next = messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(JSON.readTree(next).at("/payload/data").has("me")).as(next).isTrue();
		assertThat(JSON.readTree(next).at("/payload/data/me").isNull()).as(next).isTrue();
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	@Test
	void aClientsOfferOfPerMessageDeflateIsDeclined() throws Exception {
		// what browsers and the npm ws client send; the answer must name no extension, and frames come uncompressed
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n"
					+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				head.append((char) in.readUnsignedByte());
			}
			assertThat(head.toString()).startsWith("HTTP/1.1 101")
				.containsIgnoringCase("Sec-WebSocket-Protocol: graphql-transport-ws")
				.doesNotContainIgnoringCase("Sec-WebSocket-Extensions");

			byte[] init = "{\"type\":\"connection_init\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
			byte[] mask = { 1, 2, 3, 4 };
			out.write(new byte[] { (byte) 0x81, (byte) (0x80 | init.length) });
			out.write(mask);
			for (int i = 0; i < init.length; i++) {
				out.write(init[i] ^ mask[i % 4]);
			}
			out.flush();
			int first = in.readUnsignedByte();
			assertThat(first).as("FIN, no RSV1 (not compressed), text").isEqualTo(0x81);
			byte[] payload = new byte[in.readUnsignedByte()];
			in.readFully(payload);
			assertThat(new String(payload, StandardCharsets.UTF_8)).contains("connection_ack");
		}
	}

	private WebSocket connect(String origin, BlockingQueue<String> messages) throws Exception {
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.connectTimeout(TIMEOUT);
		if (origin != null) {
			builder.header("Origin", origin);
		}
		CompletableFuture<WebSocket> socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"),
				new WebSocket.Listener() {
					private final StringBuilder text = new StringBuilder();

					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						text.append(data);
						if (last) {
							messages.add(text.toString());
							text.setLength(0);
						}
						webSocket.request(1);
						return null;
					}
				});
		return socket.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

}
