package io.ordergraph.integration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * An integrator's HTTP receiver on 127.0.0.1 (JDK HttpServer): records every request with its headers and answers
 * with the status {@code answer} picks. Also an implementation of the Standard Webhooks signature written here,
 * independent of ours.
 */
final class TestReceiver implements AutoCloseable {

	record Request(Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = headers.get(name);
			return values == null || values.isEmpty() ? null : values.get(0);
		}

		String id() {
			return header("webhook-id");
		}

		String timestamp() {
			return header("webhook-timestamp");
		}

		/** The space-separated values of webhook-signature. */
		List<String> signatures() {
			return List.of(header("webhook-signature").trim().split(" +"));
		}

		/** Whether one of the signatures is ours under {@code secret}, checked with the code of this class. */
		boolean signedWith(String secret) {
			return signatures().contains("v1," + hmac(secret, id() + "." + timestamp() + "." + body()));
		}

	}

	final String name;

	final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

	/** The statuses answered, in order (a request still being handled is not here yet). */
	final ConcurrentLinkedQueue<Integer> answered = new ConcurrentLinkedQueue<>();

	private final HttpServer server;

	TestReceiver(String name, ToIntFunction<Request> answer) {
		this.name = name;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/hook", exchange -> {
			Request request = new Request(Map.copyOf(exchange.getRequestHeaders().entrySet().stream()
				.collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
						Map.Entry::getValue, (a, b) -> a))),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			requests.add(request);
			int code = answer.applyAsInt(request);
			byte[] body = ("{\"ok\":" + (code < 300) + "}").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(code, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
			answered.add(code);
		});
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
	}

	int port() {
		return server.getAddress().getPort();
	}

	@Override
	public void close() {
		server.stop(0);
	}

	static String hmac(String secret, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
