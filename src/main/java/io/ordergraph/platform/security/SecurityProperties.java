package io.ordergraph.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param rolesClaim dotted path of the claim holding the caller's roles (Keycloak: {@code realm_access.roles})
 * @param bootstrapManagers subjects that hold every permission whatever the employee records say
 * @param corsAllowedOrigins origins browsers may call the API from
 */
@ConfigurationProperties("ordergraph.security")
public record SecurityProperties(String rolesClaim, List<String> bootstrapManagers, List<String> corsAllowedOrigins) {

	public SecurityProperties {
		rolesClaim = (rolesClaim == null || rolesClaim.isBlank()) ? "realm_access.roles" : rolesClaim;
		bootstrapManagers = bootstrapManagers == null ? List.of()
				: bootstrapManagers.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
		corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
				: corsAllowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
	}

}
