package io.ordergraph.platform.security;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * HTTP security. GraphQL authenticates each operation itself ({@link GraphQlAuthInterceptor}) so that a bad token is
 * answered as a GraphQL error, over HTTP and WebSocket alike; other endpoints use the resource server.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private final ContentSecurityPolicy csp;

	private final String graphiqlPath;

	SecurityConfiguration(Environment environment) {
		SecurityMode.validate(environment);
		this.csp = ContentSecurityPolicy.of(environment);
		this.graphiqlPath = environment.getProperty("spring.graphql.graphiql.path", "/graphiql");
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, CorsPolicy corsPolicy,
			@Value("${ordergraph.security.public-actuator:health}") List<String> publicActuator) throws Exception {
		DefaultBearerTokenResolver defaultResolver = new DefaultBearerTokenResolver();
		BearerTokenResolver resolver = request -> "/graphql".equals(request.getRequestURI()) ? null
				: defaultResolver.resolve(request);
		RequestMatcher graphiql = PathPatternRequestMatcher.withDefaults().matcher(this.graphiqlPath + "/**");
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors(cors -> cors.configurationSource(corsSource(corsPolicy)))
			.authorizeHttpRequests(auth -> {
				auth.requestMatchers("/graphql", "/graphiql", "/graphiql/**")
					.permitAll()
					.requestMatchers(HttpMethod.POST, "/dev/token")
					.permitAll()
					// the staff panel and the guest page: static files and their sign-in config (the API guards the data)
					.requestMatchers(HttpMethod.GET, "/panel", "/panel/**", "/join/*", "/guest/**", "/app/**",
							"/webjars/**")
					.permitAll()
					// integrator callbacks: guarded by their Standard Webhooks signature, not by a bearer token
					.requestMatchers(HttpMethod.POST, "/integrations/*/callback")
					.permitAll()
					// Africa's Talking delivery reports: guarded by the secret token in the path, not by a bearer token
					.requestMatchers(HttpMethod.POST, "/sms/delivery-reports/*")
					.permitAll()
					.requestMatchers("/actuator/health", "/actuator/health/**")
					.permitAll();
				String[] publicEndpoints = publicActuator.stream()
					.map(String::strip)
					.filter(e -> !e.isEmpty() && !"health".equals(e))
					.map(e -> "/actuator/" + e)
					.toArray(String[]::new);
				if (publicEndpoints.length > 0) {
					auth.requestMatchers(publicEndpoints).permitAll();
				}
				auth.requestMatchers("/error").permitAll().anyRequest().authenticated();
			})
			.headers(headers -> headers
				// every response, HTML pages and error pages included; GraphiQL's differs only in its fonts
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(graphiql,
						new StaticHeadersWriter("Content-Security-Policy", this.csp.graphiql())))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(graphiql),
						new StaticHeadersWriter("Content-Security-Policy", this.csp.pages())))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.oauth2ResourceServer(rs -> rs.bearerTokenResolver(resolver).jwt(Customizer.withDefaults()));
		return http.build();
	}

	/**
	 * Spring Security's observations follow {@code management.observations.enable.spring.security} (off by default).
	 * Off, its filters are not wrapped at all: with any observation registry Spring Security otherwise wraps each of
	 * its filters (about fifteen) in an observing decorator on every request, which costs CPU even while those
	 * observations are switched off (docs/benchmarks.md). Requests are still observed as {@code http.server.requests}.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings(
			@Value("${management.observations.enable.spring.security:true}") boolean observe) {
		return observe ? SecurityObservationSettings.withDefaults().build() : SecurityObservationSettings.noObservations();
	}

	private static CorsConfigurationSource corsSource(CorsPolicy policy) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		CorsConfiguration cors = policy.configuration();
		if (cors != null) {
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
