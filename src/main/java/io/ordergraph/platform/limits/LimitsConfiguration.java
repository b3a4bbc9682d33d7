package io.ordergraph.platform.limits;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import io.ordergraph.platform.graphql.GraphQlLimits;

/** Wires the request limits: cost, rate limits, the execution gate, timeouts, document and subscription limits. */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	ExecutionGate executionGate(LimitsProperties limits) {
		return new ExecutionGate(limits.maxConcurrent(), limits.queueWait());
	}

	@Bean
	CostInstrumentation costInstrumentation(LimitsProperties limits) {
		return new CostInstrumentation(limits, new CostRateLimiter(limits.rate()));
	}

	@Bean
	LimitsInterceptor limitsInterceptor(LimitsProperties limits, ExecutionGate gate,
			@Value("${ordergraph.graphql.introspection-enabled:false}") boolean introspection) {
		return new LimitsInterceptor(limits, gate, new ClientAddresses(limits.rate().trustedProxies()), introspection);
	}

	@Bean
	GraphQlSourceBuilderCustomizer documentLimits(LimitsProperties limits) {
		DocumentLimits documentLimits = new DocumentLimits(limits);
		return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documentLimits));
	}

	@Bean
	FilterRegistrationBean<ExecutionGateFilter> executionGateFilter(ExecutionGate gate, LimitsProperties limits) {
		FilterRegistrationBean<ExecutionGateFilter> registration = new FilterRegistrationBean<>(
				new ExecutionGateFilter(gate, limits));
		registration.addUrlPatterns("/graphql");
		// before security and the request size check: a refused request costs nothing
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * WebSocket messages may be as large as an HTTP request body, so a document HTTP accepts is not closed with 1009
	 * over WebSocket; a too long document within that size is refused for its own operation only.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer(GraphQlLimits graphQlLimits) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int size = (int) Math.min(Integer.MAX_VALUE, graphQlLimits.maxRequestBytes());
		container.setMaxTextMessageBufferSize(size);
		container.setMaxBinaryMessageBufferSize(size);
		return container;
	}

}
