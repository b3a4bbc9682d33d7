package io.ordergraph.platform.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import io.ordergraph.platform.events.EventStream;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * graphql-transport-ws at {@code /graphql} that ends cleanly on shutdown, before the web server's graceful shutdown:
 * it completes every open subscription (each client gets {@code complete}), waits, with a bound, until those have
 * gone out, then closes every socket with 1001 (going away).
 */
class ShutdownAwareWebSocketHandler extends GraphQlWebSocketHandler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShutdownAwareWebSocketHandler.class);

	/** Stops before the web server's graceful shutdown (the higher phase stops first). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private final JsonMapper json;

	private final EventStream events;

	private final Duration completionWait;

	private final ApplicationEventPublisher publisher;

	/** Open sessions (decorated, so that every message sent is seen) and their active subscription ids. */
	private final Map<String, Tracked> sessions = new ConcurrentHashMap<>();

	private final boolean perMessageDeflate;

	private volatile boolean running;

	ShutdownAwareWebSocketHandler(WebGraphQlHandler graphQlHandler, HttpMessageConverter<Object> converter,
			Duration initTimeout, Duration keepAlive, CorsConfiguration cors, JsonMapper json,
			EventStream events, Duration completionWait, boolean perMessageDeflate, ApplicationEventPublisher publisher) {
		super(graphQlHandler, converter, initTimeout, keepAlive, cors);
		this.perMessageDeflate = perMessageDeflate;
		this.publisher = publisher;
		this.events = events;
		this.json = json;
		this.completionWait = completionWait;
	}

	/**
	 * Without per-message deflate unless configured: graphql-transport-ws messages are a few hundred bytes, which
	 * compression hardly shrinks, yet each one costs a deflate on the server and an inflate on the client, and each
	 * connection holds a compressor's state (measured in docs/benchmarks.md, fourth pass).
	 */
	@Override
	public WebSocketHttpRequestHandler initWebSocketHttpRequestHandler(HandshakeHandler handshakeHandler) {
		return super.initWebSocketHttpRequestHandler(
				perMessageDeflate ? handshakeHandler : new DecliningExtensions(handshakeHandler));
	}

	/**
	 * Hands the upgrade on as if the client had offered no extension: Tomcat falls back to its installed extensions
	 * when none are negotiated, so the offer itself has to go.
	 */
	private record DecliningExtensions(HandshakeHandler delegate) implements HandshakeHandler, Lifecycle,
			ServletContextAware {

		@Override
		public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Map<String, Object> attributes) throws HandshakeFailureException {
			if (request instanceof ServletServerHttpRequest servlet) {
				request = new ServletServerHttpRequest(new WithoutExtensionOffer(servlet.getServletRequest()));
			}
			return delegate.doHandshake(request, response, handler, attributes);
		}

		@Override
		public void setServletContext(ServletContext servletContext) {
			if (delegate instanceof ServletContextAware aware) {
				aware.setServletContext(servletContext);
			}
		}

		@Override
		public void start() {
			if (delegate instanceof Lifecycle lifecycle) {
				lifecycle.start();
			}
		}

		@Override
		public void stop() {
			if (delegate instanceof Lifecycle lifecycle) {
				lifecycle.stop();
			}
		}

		@Override
		public boolean isRunning() {
			return !(delegate instanceof Lifecycle lifecycle) || lifecycle.isRunning();
		}

	}

	/** The upgrade request as if the client had offered no extension (no {@code Sec-WebSocket-Extensions}). */
	private static final class WithoutExtensionOffer extends HttpServletRequestWrapper {

		private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

		WithoutExtensionOffer(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(Collections.list(super.getHeaderNames())
				.stream()
				.filter(name -> !EXTENSIONS.equalsIgnoreCase(name))
				.toList());
		}

	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		super.afterConnectionEstablished(tracked(session));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		Tracked tracked = tracked(session);
		JsonNode node = parse(message.getPayload());
		if (node != null && node.hasNonNull("id")) {
			String type = node.path("type").asString("");
			if ("subscribe".equals(type)) {
				tracked.active.add(node.get("id").asString());
			}
			else if ("complete".equals(type)) {
				tracked.active.remove(node.get("id").asString());
			}
		}
		super.handleTextMessage(tracked, message);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Tracked tracked = sessions.remove(session.getId());
		if (tracked != null) {
			tracked.closed = true;
		}
		try {
			// operations still running for it (a query waiting on the database) stop too, not only subscriptions;
			// first, while the session's outbound side still takes the refusal their cancellation answers
			publisher.publishEvent(new WebSocketConnectionClosed(session.getId()));
		}
		finally {
			super.afterConnectionClosed((tracked != null) ? tracked : session, status);
		}
	}

	private Tracked tracked(WebSocketSession session) {
		if (session instanceof Tracked tracked) {
			return tracked;
		}
		return sessions.computeIfAbsent(session.getId(), id -> new Tracked(session));
	}

	private JsonNode parse(String text) {
		try {
			return json.readTree(text);
		}
		catch (RuntimeException ex) {
			return null; // the protocol handler answers malformed messages itself
		}
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		log.debug("Completing open subscriptions of {} WebSocket session(s)", sessions.size());
		events.completeSubscribers(); // WebSocket and SSE subscriptions alike, before the web server stops
		long deadline = System.nanoTime() + completionWait.toNanos();
		while (System.nanoTime() < deadline && sessions.values().stream().anyMatch(s -> !s.active.isEmpty())) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		long open = sessions.values().stream().mapToLong(s -> s.active.size()).sum();
		log.info("Closing {} WebSocket session(s) for shutdown{}", sessions.size(),
				(open == 0) ? "" : "; " + open + " subscription(s) did not complete in time");
		for (Tracked session : sessions.values()) {
			try {
				session.close(CloseStatus.GOING_AWAY.withReason("The server is shutting down"));
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Closing WebSocket session {} failed: {}", session.getId(), ex.getMessage());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** A session that notes which subscriptions the server has ended (complete or error sent). */
	private final class Tracked extends WebSocketSessionDecorator {

		final Set<String> active = ConcurrentHashMap.newKeySet();

		/** The connection has closed (Tomcat's session may still say it is open while it tells us so). */
		volatile boolean closed;

		Tracked(WebSocketSession delegate) {
			super(delegate);
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			if (closed || !isOpen()) {
				// the client is gone: what its cancelled operations still answer has nowhere to go (Tomcat would
				// throw, and Spring log that at ERROR with a stack trace for every connection that closed mid-query)
				return;
			}
			super.sendMessage(message);
			if (message instanceof TextMessage text && !active.isEmpty()) {
				String payload = text.getPayload();
				// only complete and error end a subscription; skip parsing the (many, large) next messages
				if (payload.length() < 4096 && (payload.contains("\"complete\"") || payload.contains("\"error\""))) {
					JsonNode node = parse(payload);
					if (node != null && node.hasNonNull("id")) {
						String type = node.path("type").asString("");
						if ("complete".equals(type) || "error".equals(type)) {
							active.remove(node.get("id").asString());
						}
					}
				}
			}
		}

	}

}
