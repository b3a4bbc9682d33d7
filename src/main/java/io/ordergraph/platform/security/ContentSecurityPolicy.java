package io.ordergraph.platform.security;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.core.env.Environment;

/**
 * The Content-Security-Policy of everything we serve: scripts, styles, images and connections from our own origin
 * only (WebSocket included: {@code 'self'} covers ws/wss to the same host), plus the OpenID Connect provider's
 * origin for the pages that sign in against it (token and refresh requests, the authorization form). No inline
 * script or style (but for GraphiQL's styles, see below), no eval, no plugins, never framed.
 */
record ContentSecurityPolicy(String pages, String graphiql) {

	static ContentSecurityPolicy of(Environment environment) {
		// the issuer as browsers reach it (the staff panel's sign-in, when it differs) and as the server knows it
		String others = java.util.stream.Stream
			.of(environment.getProperty("ordergraph.web.oidc-issuer"),
					environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
			.map(ContentSecurityPolicy::providerOrigin)
			.filter(java.util.Objects::nonNull)
			.distinct()
			.map(origin -> " " + origin)
			.collect(java.util.stream.Collectors.joining());
		String common = "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; connect-src 'self'" + others
				+ "; object-src 'none'; base-uri 'self'; form-action 'self'" + others + "; frame-ancestors 'none'";
		// GraphiQL 2's dialogs (settings, shortcuts) lock scrolling with a <style> element they add, whose text depends on
		// the scrollbar's width (so no hash fits it); its stylesheet embeds its fonts as data: URLs. Only its pages get
		// these two; scripts stay 'self' only everywhere.
		return new ContentSecurityPolicy(common + "; style-src 'self'; font-src 'self'",
				common + "; style-src 'self' 'unsafe-inline'; font-src 'self' data:");
	}

	/** {@code scheme://host[:port]} of the issuer URL, or null when none is configured. */
	static String providerOrigin(String issuer) {
		if (issuer == null || issuer.isBlank()) {
			return null;
		}
		try {
			URI uri = new URI(issuer.strip());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
					+ ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
