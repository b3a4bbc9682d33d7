package io.ordergraph.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak for tests: the {@code keycloak-quarkus-dist} zip that the build unpacks under {@code target/keycloak}
 * (see pom.xml), started as a child process with {@code bin/kc.sh start-dev} on a free port with an in-memory database,
 * importing the realm file the project ships. Stopped (with its whole process tree) by {@link #close()} and, should
 * the test JVM end first, by a shutdown hook.
 * <p>
 * The {@code *IT} classes share one: {@link #shared()} launches it for the first that asks and it lives until the test
 * JVM ends (starting Keycloak takes a minute or more here). What a test adds to its realm (clients, a realm) has names
 * of its own, and what it changes in the shipped realm it puts back.
 */
public final class KeycloakServer implements AutoCloseable {

	static final String ADMIN = "admin";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path home;

	private final int port;

	private final String adminPassword = UUID.randomUUID().toString();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final Path log;

	private Process process;

	private Thread shutdownHook;

	private long launchedAt;

	private Duration startTime;

	private IllegalStateException failure;

	private static KeycloakServer shared;

	private KeycloakServer(Path home, int port) {
		this.home = home;
		this.port = port;
		this.log = home.resolveSibling("keycloak-it-" + port + ".log");
	}

	/**
	 * The Keycloak of this test JVM, launched (not yet ready: see {@link #awaitReady(Duration)}) by the first call and
	 * stopped by the shutdown hook when the JVM ends.
	 */
	public static synchronized KeycloakServer shared() throws IOException {
		if (shared == null) {
			shared = launch(home(), realmFile());
		}
		return shared;
	}

	/** Waits until Keycloak is ready, at most {@code -Dkeycloak.start-timeout-seconds} (300 s) after its launch. */
	public void awaitReady() throws InterruptedException {
		awaitReady(Duration.ofSeconds(Long.getLong("keycloak.start-timeout-seconds", 300)));
	}

	/** Where the build unpacked Keycloak (system property {@code keycloak.home}, set by failsafe). */
	public static Path home() {
		return Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.4.0")).toAbsolutePath();
	}

	/** The realm file shipped in the repository, the same one docker-compose imports. */
	public static Path realmFile() {
		return Path.of(System.getProperty("keycloak.realm-file", "keycloak/realm-ordergraph.json")).toAbsolutePath();
	}

	public static boolean available(Path home) {
		return Files.isRegularFile(home.resolve("bin/kc.sh")) && Files.isDirectory(home.resolve("lib"));
	}

	/**
	 * Starts Keycloak with the realm file imported, without waiting: {@link #awaitReady(Duration)} waits. The caller
	 * may meanwhile do other slow things, such as starting Ordergraph, which needs only {@link #issuer(String)}.
	 */
	static KeycloakServer launch(Path home, Path realmFile) throws IOException {
		KeycloakServer server = new KeycloakServer(home, freePort());
		server.spawn(realmFile);
		return server;
	}

	private void spawn(Path realmFile) throws IOException {
		Path imports = home.resolve("data/import");
		Files.createDirectories(imports);
		try (var old = Files.list(imports)) {
			for (Path file : old.toList()) {
				Files.deleteIfExists(file);
			}
		}
		Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		ProcessBuilder builder = new ProcessBuilder(command()).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_") || "JAVA_OPTS".equals(name));
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
		env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
		env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
		launchedAt = System.nanoTime();
		process = builder.start();
		shutdownHook = new Thread(this::stop, "keycloak-stop");
		Runtime.getRuntime().addShutdownHook(shutdownHook);
	}

	/**
	 * Waits until the realm's OpenID configuration answers, at most {@code timeout} after the launch. Fails, with the
	 * end of Keycloak's log, when it exits or is not ready in time (and then stops it); later calls fail the same way.
	 */
	synchronized void awaitReady(Duration timeout) throws InterruptedException {
		if (startTime != null) {
			return;
		}
		if (failure != null) {
			throw failure;
		}
		URI ready = URI.create(baseUrl() + "/realms/ordergraph/.well-known/openid-configuration");
		long deadline = launchedAt + timeout.toNanos();
		while (true) {
			if (process == null || !process.isAlive()) {
				failure = new IllegalStateException("Keycloak exited"
						+ ((process == null) ? "" : " with code " + process.exitValue()) + " while starting:\n"
						+ logTail());
				throw failure;
			}
			if (System.nanoTime() > deadline) {
				failure = new IllegalStateException("Keycloak was not ready within " + timeout + ":\n" + logTail());
				close();
				throw failure;
			}
			try {
				if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					break;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		startTime = Duration.ofNanos(System.nanoTime() - launchedAt);
		System.out.printf("Keycloak ready on port %d in %.1f s (log: %s)%n", port, startTime.toMillis() / 1000.0,
				log);
	}

	/** The exact command, as documented in docs/identity.md. */
	List<String> command() {
		return List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev", "--http-port",
				String.valueOf(port), "--http-host", "127.0.0.1", "--import-realm", "--db", "dev-mem");
	}

	Duration startTime() {
		return startTime;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	public String issuer(String realm) {
		return baseUrl() + "/realms/" + realm;
	}

	HttpClient http() {
		return http;
	}

	// ---- admin REST API (master realm admin, bootstrapped through KC_BOOTSTRAP_ADMIN_*) ----

	private String adminToken() {
		return (String) post(issuer("master") + "/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password",
						adminPassword))
			.get("access_token");
	}

	/** GETs from the admin API, e.g. {@code /admin/realms/ordergraph/clients?clientId=x}: the JSON answered. */
	public Object adminGet(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + adminToken())
			.GET()
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return JSON.readValue(response.body(), Object.class);
	}

	/** PUTs (or, with {@code method} POST, posts) a representation to the admin API; expects 204 No Content. */
	public void adminSend(String method, String path, Object representation) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + adminToken())
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(representation)))
			.build());
		if (response.statusCode() != 204) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
	}

	/** A client of a realm as the admin API represents it (with its internal {@code id}). */
	@SuppressWarnings("unchecked")
	public Map<String, Object> client(String realm, String clientId) {
		List<Map<String, Object>> found = (List<Map<String, Object>>) adminGet(
				"/admin/realms/" + realm + "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
		if (found.size() != 1) {
			throw new IllegalStateException("No single client " + clientId + " in realm " + realm + ": " + found);
		}
		return found.getFirst();
	}

	/** Replaces a client's representation (as {@link #client} answered it, changed). */
	public void updateClient(String realm, Map<String, Object> client) {
		adminSend("PUT", "/admin/realms/" + realm + "/clients/" + client.get("id"), client);
	}

	/** POSTs a representation to the admin API, e.g. {@code /admin/realms/ordergraph/clients}; expects 201. */
	void adminCreate(String path, Map<String, ?> representation) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + adminToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(representation)))
			.build();
		HttpResponse<String> response = send(request);
		if (response.statusCode() != 201) {
			throw new IllegalStateException(
					"POST " + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	/** A confidential client that may use the password grant (tests only; never in the realm file). */
	void createTestClient(String realm, String clientId, String secret, Map<String, String> attributes,
			List<Map<String, Object>> protocolMappers) {
		adminCreate("/admin/realms/" + realm + "/clients",
				Map.of("clientId", clientId, "enabled", true, "publicClient", false, "secret", secret,
						"directAccessGrantsEnabled", true, "standardFlowEnabled", false, "serviceAccountsEnabled",
						false, "attributes", attributes, "protocolMappers", protocolMappers));
	}

	/** An access token for a user through the password grant of a test client. */
	String passwordGrant(String realm, String clientId, String secret, String username, String password) {
		Map<String, Object> body = post(issuer(realm) + "/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", clientId, "client_secret", secret, "username", username,
						"password", password, "scope", "openid"));
		Object token = body.get("access_token");
		if (!(token instanceof String value)) {
			throw new IllegalStateException("No access token for " + username + ": " + body);
		}
		return value;
	}

	/** POSTs a form and answers the JSON body; fails on a non-2xx status. */
	Map<String, Object> post(String url, Map<String, String> form) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)))
			.build());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return json(response.body());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(String body) {
		return JSON.readValue(body, Map.class);
	}

	/** The claims of a JWT, read without checking anything (for assertions on what Keycloak issued). */
	static Map<String, Object> claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return json(new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + log + ")";
		}
	}

	@Override
	public void close() {
		stop();
		if (shutdownHook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(shutdownHook);
			}
			catch (IllegalStateException alreadyShuttingDown) {
				// the hook is running or has run
			}
			shutdownHook = null;
		}
	}

	/** Stops Keycloak and every process it started: politely first, then forcibly. */
	private synchronized void stop() {
		if (process == null) {
			return;
		}
		ProcessHandle root = process.toHandle();
		List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
		tree.add(0, root);
		tree.forEach(ProcessHandle::destroy);
		for (ProcessHandle handle : tree) {
			try {
				handle.onExit().get(20, TimeUnit.SECONDS);
			}
			catch (Exception notYet) {
				handle.destroyForcibly();
			}
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		process = null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
