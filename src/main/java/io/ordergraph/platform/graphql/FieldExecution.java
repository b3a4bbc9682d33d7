package io.ordergraph.platform.graphql;

import java.lang.reflect.Method;
import java.util.Set;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.HandlerMethod;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.util.StringUtils;

/**
 * Which controller methods get a thread of their own. Spring for GraphQL runs every blocking controller method on the
 * application task executor: with virtual threads on, a new thread, a future and a context snapshot for every field
 * of every object. Here only the root fields (Query, Mutation) do: the HTTP or WebSocket thread is then free to answer
 * at the request timeout whatever the operation is waiting for. The fields below a root field, and batch loaders, run
 * on the thread resolving them: the root field's virtual thread, the one completing a batch, or the
 * {@code boundedElastic} worker delivering a subscription event — all free to block.
 */
@Configuration(proxyBeanMethods = false)
class FieldExecution {

	private static final Set<String> ROOT_TYPES = Set.of("Query", "Mutation", "Subscription");

	@Bean
	static BeanPostProcessor onlyRootFieldsOnTheirOwnThread() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof AnnotatedControllerConfigurer configurer) {
					configurer.setBlockingMethodPredicate(method -> blocking(method) && rootField(method));
				}
				return bean;
			}
		};
	}

	/** Spring's own rule: neither reactive nor asynchronous nor a Kotlin suspending function. */
	static boolean blocking(HandlerMethod handler) {
		return ReactiveAdapterRegistry.getSharedInstance().getAdapter(handler.getReturnType().getParameterType()) == null
				&& !KotlinDetector.isSuspendingFunction(handler.getMethod());
	}

	static boolean rootField(HandlerMethod handler) {
		Method method = handler.getMethod();
		SchemaMapping onMethod = AnnotatedElementUtils.findMergedAnnotation(method, SchemaMapping.class);
		String type = (onMethod != null) ? onMethod.typeName() : "";
		if (!StringUtils.hasText(type)) {
			SchemaMapping onClass = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(),
					SchemaMapping.class);
			type = (onClass != null) ? onClass.typeName() : "";
		}
		return ROOT_TYPES.contains(type);
	}

}
