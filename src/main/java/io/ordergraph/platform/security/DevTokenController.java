package io.ordergraph.platform.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * {@code POST /dev/token}: a signed token for local development without an identity provider. Registered only in
 * embedded mode (see {@link SecurityConfiguration}).
 */
@org.springframework.web.bind.annotation.RestController
@org.springframework.context.annotation.Conditional(DevTokenCondition.class)
class DevTokenController {

	private static final Set<String> KNOWN_ROLES = Set.of(Caller.ROLE_CUSTOMER, Caller.ROLE_STAFF);

	private final DevTokenIssuer issuer;

	DevTokenController(DevTokenIssuer issuer) {
		this.issuer = issuer;
	}

	record TokenRequest(String sub, String name, List<String> roles) {
	}

	@PostMapping(path = "/dev/token", consumes = "application/json", produces = "application/json")
	ResponseEntity<Map<String, Object>> token(@RequestBody(required = false) TokenRequest request,
			jakarta.servlet.http.HttpServletRequest http) {
		if (!isLoopback(http.getRemoteAddr())) {
			// anyone who can reach it could sign in as the demo manager: development machines only
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("error", "access_denied", "error_description", "dev tokens are issued to localhost only"));
		}
		if (request == null || request.sub() == null || request.sub().isBlank() || request.sub().length() > 255) {
			return badRequest("sub is required (1 to 255 characters)");
		}
		List<String> roles = (request.roles() == null) ? List.of() : request.roles();
		for (String role : roles) {
			if (!KNOWN_ROLES.contains(role)) {
				return badRequest("unknown role '" + role + "'; use customer and/or staff");
			}
		}
		String token = issuer.issue(request.sub().strip(), request.name(), roles, DevTokenIssuer.LIFETIME);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		body.put("token_type", "Bearer");
		body.put("expires_in", DevTokenIssuer.LIFETIME.toSeconds());
		return ResponseEntity.ok(body);
	}

	private static boolean isLoopback(String address) {
		try {
			return java.net.InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

	private static ResponseEntity<Map<String, Object>> badRequest(String message) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "error_description", message));
	}

}
