package io.ordergraph.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Africa's Talking's SMS API on 127.0.0.1: checks every request against the documented wire format
 * (path, method, headers, form fields and their encoding) and answers like the real service. Per phone number a
 * script of answers can be queued (HTTP 500, a timeout, a recipient status code); otherwise it accepts. While
 * {@link #down} is set it answers 503 to everything.
 */
final class FakeAfricasTalking implements AutoCloseable {

	enum Answer {
		ACCEPT, HTTP_500, TIMEOUT, CODE_401, CODE_402, CODE_403, CODE_404, CODE_405, CODE_406, CODE_407, CODE_409,
		CODE_500
	}

	/** One request as received, with the answer given. */
	record Call(String to, String message, String from, String username, Answer answer, String messageId) {
	}

	private static final Set<String> FIELDS = Set.of("username", "to", "message", "from", "bulkSMSMode", "enqueue");

	private final HttpServer server;

	private final String apiKey;

	private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

	final AtomicInteger downAnswers = new AtomicInteger();

	volatile boolean down;

	volatile long delayMillis;

	FakeAfricasTalking(String apiKey) throws IOException {
		this.apiKey = apiKey;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", this::handle);
		server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	void script(String phone, Answer... answers) {
		scripts.put(phone, new ArrayDeque<>(List.of(answers)));
	}

	List<Call> callsTo(String phone) {
		synchronized (calls) {
			return calls.stream().filter(c -> phone.equals(c.to())).toList();
		}
	}

	List<Call> accepted() {
		synchronized (calls) {
			return calls.stream().filter(c -> c.answer() == Answer.ACCEPT).toList();
		}
	}

	List<String> violations() {
		return List.copyOf(violations);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (down) {
				downAnswers.incrementAndGet();
				respond(exchange, 503, "text/plain", "Service Unavailable");
				return;
			}
			List<String> wrong = new ArrayList<>();
			if (!"POST".equals(exchange.getRequestMethod())) {
				wrong.add("method " + exchange.getRequestMethod());
			}
			if (!"/version1/messaging".equals(exchange.getRequestURI().getPath())
					|| exchange.getRequestURI().getQuery() != null) {
				wrong.add("path " + exchange.getRequestURI());
			}
			if (!apiKey.equals(exchange.getRequestHeaders().getFirst("apiKey"))) {
				wrong.add("apiKey header missing or wrong");
			}
			String accept = exchange.getRequestHeaders().getFirst("Accept");
			if (accept == null || !accept.contains("application/json")) {
				wrong.add("Accept " + accept);
			}
			String type = exchange.getRequestHeaders().getFirst("Content-Type");
			if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
				wrong.add("Content-Type " + type);
			}
			Map<String, String> form = parse(body, wrong);
			if (!FIELDS.containsAll(form.keySet())) {
				wrong.add("unexpected fields " + form.keySet());
			}
			if (!"1".equals(form.get("bulkSMSMode")) || !"1".equals(form.get("enqueue"))) {
				wrong.add("bulkSMSMode/enqueue " + form);
			}
			if (form.get("username") == null || form.get("to") == null || form.get("message") == null
					|| !form.get("to").matches("\\+\\d{8,15}")) {
				wrong.add("username/to/message " + form);
			}
			if (!wrong.isEmpty()) {
				violations.addAll(wrong);
				respond(exchange, 400, "text/plain", "Bad request");
				return;
			}
			Deque<Answer> script = scripts.get(form.get("to"));
			Answer answer = script == null || script.isEmpty() ? Answer.ACCEPT : script.poll();
			if (answer == Answer.TIMEOUT) {
				calls.add(new Call(form.get("to"), form.get("message"), form.get("from"), form.get("username"), answer,
						null));
				sleep(4000); // past the client's read timeout
				respond(exchange, 500, "text/plain", "late");
				return;
			}
			if (delayMillis > 0) {
				sleep(delayMillis);
			}
			String messageId = answer == Answer.ACCEPT ? "ATXid_" + UUID.randomUUID() : "None";
			calls.add(new Call(form.get("to"), form.get("message"), form.get("from"), form.get("username"), answer,
					messageId));
			if (answer == Answer.HTTP_500) {
				respond(exchange, 500, "text/plain", "Internal Server Error");
				return;
			}
			int code = answer == Answer.ACCEPT ? 101 : Integer.parseInt(answer.name().substring(5));
			String status = switch (code) {
				case 101 -> "Success";
				case 401 -> "RiskHold";
				case 402 -> "InvalidSenderId";
				case 403 -> "InvalidPhoneNumber";
				case 404 -> "UnsupportedNumberType";
				case 405 -> "InsufficientBalance";
				case 406 -> "UserInBlacklist";
				case 407 -> "CouldNotRoute";
				case 409 -> "DoNotDisturbRejection";
				default -> "InternalServerError";
			};
			String cost = code == 101 ? "KES 0.8000" : "0";
			respond(exchange, 201, "application/json", """
					{"SMSMessageData":{"Message":"Sent to %d/1 Total Cost: %s","Recipients":[{"statusCode":%d,\
					"number":"%s","status":"%s","cost":"%s","messageId":"%s"}]}}"""
				.formatted(code == 101 ? 1 : 0, cost, code, form.get("to"), status, cost, messageId));
		}
	}

	private static Map<String, String> parse(String body, List<String> wrong) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq < 0) {
				wrong.add("malformed form " + body);
				continue;
			}
			String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
			if (form.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
				wrong.add("repeated field " + name);
			}
		}
		return form;
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
