package io.ordergraph.platform.security;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;

import io.ordergraph.platform.db.EmbeddedDatabaseCondition;

/**
 * The one list of browser origins allowed to call the API ({@code ORDERGRAPH_CORS_ALLOWED_ORIGINS}), applied to HTTP
 * CORS and to the WebSocket handshake's origin check alike. In embedded mode, with nothing set, the frontend dev
 * servers the demo realm registers (localhost:5173 and :3000) are allowed.
 */
@Component
public class CorsPolicy {

	static final List<String> EMBEDDED_DEFAULT_ORIGINS = List.of("http://localhost:5173", "http://localhost:3000");

	private final List<String> allowedOrigins;

	CorsPolicy(SecurityProperties properties, Environment environment) {
		List<String> configured = properties.corsAllowedOrigins();
		this.allowedOrigins = (configured.isEmpty() && EmbeddedDatabaseCondition.embedded(environment))
				? EMBEDDED_DEFAULT_ORIGINS : configured;
	}

	/** The allowed origins (empty: same origin only). */
	public List<String> allowedOrigins() {
		return allowedOrigins;
	}

	/** The CORS configuration for the API, or null when no other origin is allowed. */
	public CorsConfiguration configuration() {
		if (allowedOrigins.isEmpty()) {
			return null;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(allowedOrigins);
		cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
		cors.setExposedHeaders(List.of("WWW-Authenticate"));
		cors.setMaxAge(3600L);
		return cors;
	}

}
