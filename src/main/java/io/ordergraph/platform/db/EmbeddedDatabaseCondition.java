package io.ordergraph.platform.db;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when no external database is configured ({@code SPRING_DATASOURCE_URL} unset). */
public class EmbeddedDatabaseCondition implements Condition {

	public static boolean embedded(org.springframework.core.env.Environment environment) {
		String url = environment.getProperty("spring.datasource.url");
		return url == null || url.isBlank();
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return embedded(context.getEnvironment());
	}

}
