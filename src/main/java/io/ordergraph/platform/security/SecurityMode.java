package io.ordergraph.platform.security;

import org.springframework.core.env.Environment;

import io.ordergraph.platform.db.EmbeddedDatabaseCondition;

/** Decides whether the dev-only token issuer runs, and refuses configurations that would make it unsafe. */
final class SecurityMode {

	static final String DEV_TOKEN_PROPERTY = "ordergraph.dev-token.enabled";

	private SecurityMode() {
	}

	static boolean externalIssuer(Environment env) {
		return hasText(env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
				|| hasText(env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
	}

	/** Dev tokens run only with the embedded database and no external issuer, unless switched off. */
	static boolean devTokens(Environment env) {
		String explicit = env.getProperty(DEV_TOKEN_PROPERTY);
		boolean allowed = EmbeddedDatabaseCondition.embedded(env) && !externalIssuer(env);
		return allowed && (!hasText(explicit) || Boolean.parseBoolean(explicit.strip()));
	}

	/** Refuses, with what to set, configurations that are unsafe or cannot authenticate anyone. */
	static void validate(Environment env) {
		String explicit = env.getProperty(DEV_TOKEN_PROPERTY);
		boolean external = !EmbeddedDatabaseCondition.embedded(env) || externalIssuer(env);
		if (hasText(explicit) && Boolean.parseBoolean(explicit.strip()) && external) {
			throw new ConfigurationException(DEV_TOKEN_PROPERTY + "=true cannot be combined with an external database "
					+ "or token issuer",
					"Remove ORDERGRAPH_DEV_TOKEN_ENABLED; the dev token issuer runs only with the embedded database "
							+ "and no SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI.");
		}
		for (String property : new String[] { "spring.security.oauth2.resourceserver.jwt.issuer-uri",
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri" }) {
			String value = env.getProperty(property);
			if (hasText(value) && !isHttpUrl(value)) {
				throw new ConfigurationException(property + " is not a valid http(s) URL: '" + value + "'",
						"Set " + property.toUpperCase().replace('.', '_').replace('-', '_')
								+ " to the issuer's URL, e.g. https://id.example.com/realms/ordergraph");
			}
		}
		if (!devTokens(env) && !externalIssuer(env)) {
			throw new ConfigurationException("No token issuer is configured, so nobody could sign in",
					"Set SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI to your OpenID Connect issuer "
							+ "(or SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI).");
		}
	}

	private static boolean isHttpUrl(String value) {
		try {
			java.net.URI uri = new java.net.URI(value.strip());
			return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
