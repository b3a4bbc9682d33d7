package io.ordergraph.notification.internal;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** SMS is on when {@code ordergraph.sms.enabled} says so, or (unset) when an API key is configured. */
class SmsEnabledCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return Binder.get(context.getEnvironment())
			.bind("ordergraph.sms", SmsProperties.class)
			.map(SmsProperties::isEnabled)
			.orElse(false);
	}

}
