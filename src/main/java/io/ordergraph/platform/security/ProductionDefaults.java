package io.ordergraph.platform.security;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.ordergraph.platform.db.EmbeddedDatabaseCondition;

/**
 * Closed defaults outside embedded mode: with a configured database (production), GraphiQL and introspection are off
 * and only {@code /actuator/health} is public, unless switched on explicitly. With the embedded database (local
 * development) they are on. {@code ordergraph.production-mode=true} applies the production defaults in embedded mode
 * too. Explicit settings always win: these are the last property source.
 */
class ProductionDefaults implements EnvironmentPostProcessor, Ordered {

	static final String PRODUCTION_MODE = "ordergraph.production-mode";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean production = production(environment);
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("spring.graphql.graphiql.enabled", !production);
		// per request (see LimitsInterceptor): Spring Boot's spring.graphql.schema.introspection.enabled=false switches
		// it off for the whole JVM, for good
		defaults.put("ordergraph.graphql.introspection-enabled", !production);
		defaults.put("ordergraph.security.public-actuator", production ? "health" : "health,info,prometheus");
		environment.getPropertySources().addLast(new MapPropertySource("ordergraphProductionDefaults", defaults));
	}

	static boolean production(org.springframework.core.env.Environment environment) {
		String explicit = environment.getProperty(PRODUCTION_MODE);
		if (explicit != null && !explicit.isBlank() && !"auto".equalsIgnoreCase(explicit.strip())) {
			return Boolean.parseBoolean(explicit.strip());
		}
		return !EmbeddedDatabaseCondition.embedded(environment);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
