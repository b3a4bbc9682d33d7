package io.ordergraph.platform.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the dev-only token issuer may run (see {@link SecurityMode#devTokens}). */
class DevTokenCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return SecurityMode.devTokens(context.getEnvironment());
	}

}
