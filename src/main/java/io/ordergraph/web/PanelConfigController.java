package io.ordergraph.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.ordergraph.demo.DemoUsers;
import io.ordergraph.platform.security.DevTokenIssuer;

/**
 * {@code GET /panel/config}: how the staff panel signs in. In embedded mode ({@code /dev/token} exists) the demo
 * users to pick from; otherwise the OpenID Connect issuer and public client for the authorization code flow with
 * PKCE. Nothing here is secret.
 */
@RestController
@EnableConfigurationProperties(WebProperties.class)
class PanelConfigController {

	private final boolean devTokens;

	private final String issuer;

	private final String clientId;

	PanelConfigController(ObjectProvider<DevTokenIssuer> devTokens, WebProperties properties, Environment environment) {
		this.devTokens = devTokens.getIfAvailable() != null;
		String resourceServerIssuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
		this.issuer = properties.oidcIssuer() != null ? properties.oidcIssuer()
				: (resourceServerIssuer == null || resourceServerIssuer.isBlank()) ? null
						: resourceServerIssuer.strip().replaceAll("/+$", "");
		this.clientId = properties.oidcClientId();
	}

	@GetMapping(path = "/panel/config", produces = "application/json")
	ResponseEntity<Map<String, Object>> config() {
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.devTokens) {
			body.put("mode", "embedded");
			body.put("demoUsers", DemoUsers.ALL.stream()
				.map(u -> Map.of("subject", u.subject(), "name", u.name(), "roles", u.roles(), "description",
						u.description()))
				.toList());
		}
		else if (this.issuer != null) {
			body.put("mode", "oidc");
			body.put("issuer", this.issuer);
			body.put("clientId", this.clientId);
		}
		else {
			body.put("mode", "none");
			body.put("demoUsers", List.of());
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

}
