package io.ordergraph.platform.security;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * HTTP security. GraphQL authenticates each operation itself ({@link GraphQlAuthInterceptor}) so that a bad token is
 * answered as a GraphQL error, over HTTP and WebSocket alike; other endpoints use the resource server.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	SecurityConfiguration(Environment environment) {
		SecurityMode.validate(environment);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties) throws Exception {
		DefaultBearerTokenResolver defaultResolver = new DefaultBearerTokenResolver();
		BearerTokenResolver resolver = request -> "/graphql".equals(request.getRequestURI()) ? null
				: defaultResolver.resolve(request);
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors(cors -> cors.configurationSource(corsSource(properties)))
			.authorizeHttpRequests(auth -> auth.requestMatchers("/graphql", "/graphiql", "/graphiql/**")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/dev/token")
				.permitAll()
				// integrator callbacks: guarded by their Standard Webhooks signature, not by a bearer token
				.requestMatchers(HttpMethod.POST, "/integrations/*/callback")
				.permitAll()
				// Africa's Talking delivery reports: guarded by the secret token in the path, not by a bearer token
				.requestMatchers(HttpMethod.POST, "/sms/delivery-reports/*")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer(rs -> rs.bearerTokenResolver(resolver).jwt(Customizer.withDefaults()));
		return http.build();
	}

	private static CorsConfigurationSource corsSource(SecurityProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!properties.corsAllowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(properties.corsAllowedOrigins());
			cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
			cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
			cors.setMaxAge(3600L);
			source.registerCorsConfiguration("/**", cors);
		}
		return source;
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(DevTokenCondition.class)
	static class DevTokens {

		@Bean
		DevTokenIssuer devTokenIssuer() {
			return new DevTokenIssuer();
		}

		@Bean
		JwtDecoder devJwtDecoder(DevTokenIssuer issuer) {
			return issuer.decoder();
		}

	}

}
