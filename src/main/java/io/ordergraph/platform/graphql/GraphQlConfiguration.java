package io.ordergraph.platform.graphql;

import java.io.IOException;
import java.util.List;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.instrumentation.Instrumentation;
import graphql.scalars.ExtendedScalars;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import io.ordergraph.platform.ApplicationSchemaReport;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Scalars, request guards and the schema mapping report. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return wiring -> wiring.scalar(InstantDateTime.SCALAR)
			.scalar(Decimal.SCALAR)
			.scalar(ExtendedScalars.GraphQLLong)
			// one formatting rule for every amount, whatever scale the source holds (prices are stored with 4 digits);
			// a BigDecimal, which the Decimal scalar writes in plain notation without checking a string's form
			.type("Money", type -> type.dataFetcher("amount", ComputedField.of(Money::scaled)));
	}

	/** Depth, complexity and aliases, checked once per operation of a document ({@link ShapeLimits}). */
	@Bean
	ShapeLimits shapeLimits(GraphQlLimits limits) {
		MaxQueryDepthInstrumentation depth = new MaxQueryDepthInstrumentation(limits.maxDepth()) {
			@Override
			protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
				return badRequest("The query is " + depth + " levels deep; the limit is " + maxDepth);
			}
		};
		MaxQueryComplexityInstrumentation complexity = new MaxQueryComplexityInstrumentation(limits.maxComplexity()) {
			@Override
			protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
				return badRequest("The query's complexity is " + complexity + "; the limit is " + maxComplexity);
			}
		};
		return new ShapeLimits(depth, complexity, new AliasLimitInstrumentation(limits.maxAliases()));
	}

	static AbortExecutionException badRequest(String message) {
		GraphQLError error = GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(message).build();
		return new AbortExecutionException(List.of(error));
	}

	/** The same instrumentations Spring Boot chains, each called only for the hooks it implements. */
	@Bean
	GraphQlSourceBuilderCustomizer selectiveInstrumentation(ObjectProvider<Instrumentation> instrumentations) {
		return builder -> builder.configureGraphQl(graphQl -> graphQl
			.instrumentation(new SelectiveInstrumentation(instrumentations.orderedStream().toList())));
	}

	/**
	 * Subscription events answered once per audience ({@link SharedSubscriptionEvents}), with the exception handler
	 * Spring for GraphQL gives its own strategies: the same resolvers, in the same order, as Spring Boot passes it.
	 */
	@Bean
	GraphQlSourceBuilderCustomizer sharedSubscriptionEvents(ObjectProvider<DataFetcherExceptionResolver> resolvers) {
		return builder -> builder.configureGraphQl(graphQl -> graphQl
			.subscriptionExecutionStrategy(new SharedSubscriptionEvents(exceptionHandler(resolvers))));
	}

	/**
	 * Queries write the fields they can read directly without graphql-java's per-field work ({@link ShapedExecution}),
	 * with the same exception handler; {@code ordergraph.graphql.shaped-execution=false} leaves graphql-java's own.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "ordergraph.graphql.shaped-execution", matchIfMissing = true)
	GraphQlSourceBuilderCustomizer shapedExecution(ObjectProvider<DataFetcherExceptionResolver> resolvers,
			JsonMapper json, MeterRegistry meters) {
		return builder -> builder.configureGraphQl(graphQl -> graphQl
			.queryExecutionStrategy(new ShapedExecution(exceptionHandler(resolvers), json, meters)));
	}

	private static DataFetcherExceptionHandler exceptionHandler(
			ObjectProvider<DataFetcherExceptionResolver> resolvers) {
		return DataFetcherExceptionResolver.createExceptionHandler(resolvers.orderedStream().toList());
	}

	/** {@code @BatchMapping} fields without a context snapshot per parent ({@link ContextFreeField}). */
	@Bean
	static GraphQlSourceBuilderCustomizer contextFreeBatchMappings() {
		return ContextFreeField.batchMappings();
	}

	@Bean
	ApplicationSchemaReport applicationSchemaReport() {
		return new ApplicationSchemaReport();
	}

	@Bean
	GraphQlSourceBuilderCustomizer inspectSchemaMappings(ApplicationSchemaReport report) {
		return builder -> builder.inspectSchemaMappings(report::set);
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> graphQlRequestSizeFilter(GraphQlLimits limits) {
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				long length = request.getContentLengthLong();
				if (length > limits.maxRequestBytes()) {
					response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
					response.setContentType(MediaType.APPLICATION_JSON_VALUE);
					response.getWriter()
						.write("{\"errors\":[{\"message\":\"The request is larger than " + limits.maxRequestBytes()
								+ " bytes\",\"extensions\":{\"classification\":\"BAD_REQUEST\"}}]}");
					return;
				}
				// without a Content-Length (chunked), count while reading instead
				chain.doFilter((length < 0) ? new LimitedRequest(request, limits.maxRequestBytes()) : request, response);
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/graphql");
		return registration;
	}

}
