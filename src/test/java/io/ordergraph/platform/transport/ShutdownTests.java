package io.ordergraph.platform.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.ordergraph.OrdergraphApplication;
import io.ordergraph.platform.security.DevTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the application ends open subscriptions as graphql-transport-ws says: each gets {@code complete}, then the
 * socket closes with 1001 (going away), not an abnormal 1006; the event listener stops before the embedded database.
 * A separate application instance, since the shared test context must stay up.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTests {

	private static final long TIMEOUT_SECONDS = 30;

	@Test
	void openSubscriptionsCompleteBeforeTheSocketCloses(CapturedOutput output) throws Exception {
		String manager = "manager-" + UUID.randomUUID();
		ConfigurableApplicationContext app = new SpringApplicationBuilder(OrdergraphApplication.class).run(
				"--server.port=0", "--ordergraph.embedded-db.data-directory=target/embedded-pg/shutdown-" + UUID.randomUUID(),
				"--ordergraph.embedded-db.clean=true", "--ordergraph.demo-data.enabled=false",
				"--ordergraph.security.bootstrap-managers=" + manager);
		boolean closed = false;
		try {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			String token = app.getBean(DevTokenIssuer.class).issue(manager, "Manager", List.of("staff"),
					Duration.ofMinutes(10));
			BlockingQueue<String> messages = new LinkedBlockingQueue<>();
			CompletableFuture<Integer> closeCode = new CompletableFuture<>();
			WebSocket socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.subprotocols("graphql-transport-ws")
				.buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new WebSocket.Listener() {
					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						messages.add(data.toString());
						webSocket.request(1);
						return null;
					}

					@Override
					public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
						closeCode.complete(statusCode);
						return null;
					}

					@Override
					public void onError(WebSocket webSocket, Throwable error) {
						closeCode.complete(1006);
					}
				})
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}",
					true);
			assertThat(messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).contains("connection_ack");
			socket.sendText("{\"id\":\"live\",\"type\":\"subscribe\",\"payload\":{\"query\":"
					+ "\"subscription { pendingFulfilmentCount }\"}}", true);
			String first = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			assertThat(first).contains("\"next\"").contains("pendingFulfilmentCount");

			app.close();
			closed = true;

			assertThat(closeCode.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1001);
			assertThat(messages).anySatisfy(message -> assertThat(message).contains("\"id\":\"live\"")
				.contains("\"type\":\"complete\""));
			assertThat(output.getOut() + output.getErr()).doesNotContain("Event listener lost its connection");
		}
		finally {
			if (!closed) {
				app.close();
			}
		}
	}

}
