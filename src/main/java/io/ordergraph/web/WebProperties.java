package io.ordergraph.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param oidcIssuer the OpenID Connect issuer the staff panel signs in with, as browsers reach it; blank: the resource
 * server's issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 * @param oidcClientId the identity provider's public client (authorization code with PKCE) the panel signs in as
 */
@ConfigurationProperties("ordergraph.web")
record WebProperties(String oidcIssuer, String oidcClientId) {

	WebProperties {
		oidcIssuer = (oidcIssuer == null || oidcIssuer.isBlank()) ? null : oidcIssuer.strip().replaceAll("/+$", "");
		oidcClientId = (oidcClientId == null || oidcClientId.isBlank()) ? "ordergraph-web" : oidcClientId.strip();
	}

}
