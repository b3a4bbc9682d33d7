package io.ordergraph.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The Keycloak realm import file, read with Jackson as plain maps and lists. */
record RealmFile(Map<String, Object> json) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@SuppressWarnings("unchecked")
	static RealmFile read(Path file) throws IOException {
		return new RealmFile(JSON.readValue(Files.readString(file), Map.class));
	}

	String realm() {
		return (String) json.get("realm");
	}

	List<String> realmRoles() {
		return maps(map(json.get("roles")).get("realm")).stream().map(role -> (String) role.get("name")).toList();
	}

	List<User> users() {
		return maps(json.get("users")).stream().map(User::new).toList();
	}

	User user(String username) {
		return users().stream()
			.filter(user -> username.equals(user.username()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no user " + username + " in realm " + realm()));
	}

	List<Client> clients() {
		return maps(json.get("clients")).stream().map(Client::new).toList();
	}

	Client client(String clientId) {
		return clients().stream()
			.filter(client -> clientId.equals(client.clientId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no client " + clientId + " in realm " + realm()));
	}

	record User(Map<String, Object> json) {

		String id() {
			return (String) json.get("id");
		}

		String username() {
			return (String) json.get("username");
		}

		boolean enabled() {
			return Boolean.TRUE.equals(json.get("enabled"));
		}

		List<String> realmRoles() {
			return strings(json.get("realmRoles"));
		}

		List<Map<String, Object>> credentials() {
			return maps(json.get("credentials"));
		}

	}

	record Client(Map<String, Object> json) {

		String clientId() {
			return (String) json.get("clientId");
		}

		boolean publicClient() {
			return Boolean.TRUE.equals(json.get("publicClient"));
		}

		boolean flag(String name) {
			return Boolean.TRUE.equals(json.get(name));
		}

		String attribute(String name) {
			Object attributes = json.get("attributes");
			return (attributes == null) ? null : (String) map(attributes).get(name);
		}

		List<String> redirectUris() {
			return strings(json.get("redirectUris"));
		}

		List<String> webOrigins() {
			return strings(json.get("webOrigins"));
		}

		List<Map<String, Object>> protocolMappers() {
			return maps(json.get("protocolMappers"));
		}

	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value == null) ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> maps(Object value) {
		return (value == null) ? List.of() : (List<Map<String, Object>>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		return (value == null) ? List.of() : (List<String>) value;
	}

}
