package io.ordergraph.platform.limits;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcProperties;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import io.ordergraph.platform.db.ReadStatements;
import io.ordergraph.platform.graphql.GraphQlLimits;

/** Wires the request limits: cost, rate limits, the execution gate, timeouts, document and subscription limits. */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	ExecutionGate executionGate(LimitsProperties limits) {
		return new ExecutionGate(limits.maxConcurrent(), limits.queueWait());
	}

	/** No Hibernate statement is sent for a request whose budget is spent (batch loaders dispatched late included). */
	@Bean
	HibernatePropertiesCustomizer budgetedStatements() {
		return BudgetedStatements::install;
	}

	/** Every Hibernate statement runs at most the statement timeout, within a request at most the time it has left. */
	@Bean
	StatementTimeouts statementTimeouts(LimitsProperties limits) {
		return new StatementTimeouts(limits.statementTimeout());
	}

	@Bean
	HibernatePropertiesCustomizer timedStatements(DataSource dataSource, StatementTimeouts timeouts) {
		return properties -> timeouts.hibernate(properties, dataSource);
	}

	/**
	 * Boot's JdbcTemplate, with the same settings, that also honours the request's budget; its statement timeout is
	 * {@code ordergraph.limits.statement-timeout} (Boot's {@code spring.jdbc.template.query-timeout} is not used).
	 */
	@Bean
	JdbcTemplate jdbcTemplate(DataSource dataSource, JdbcProperties properties, StatementTimeouts timeouts,
			ObjectProvider<SQLExceptionTranslator> translator) {
		return template(dataSource, properties, timeouts, translator);
	}

	/**
	 * The pool single-statement reads outside transactions take ({@link ReadStatements}), unless
	 * {@code ordergraph.db.read-pool-size} is 0; then they take the main pool. Not a candidate for injection by type,
	 * so the application's {@code DataSource} stays the main pool.
	 */
	@Bean(defaultCandidate = false, destroyMethod = "close")
	@ConditionalOnExpression("${ordergraph.db.read-pool-size:16} != 0")
	HikariDataSource readDataSource(DataSource dataSource, @Value("${ordergraph.db.read-pool-size}") int size) {
		return ReadStatements.pool(dataSource, size);
	}

	@Bean
	ReadStatements readStatements(NamedParameterJdbcTemplate jdbc,
			@Qualifier("readDataSource") ObjectProvider<DataSource> readPool, JdbcProperties properties,
			StatementTimeouts timeouts, ObjectProvider<SQLExceptionTranslator> translator) {
		DataSource reads = readPool.getIfAvailable();
		return new ReadStatements(jdbc, (reads == null) ? jdbc
				: new NamedParameterJdbcTemplate(template(reads, properties, timeouts, translator)));
	}

	private static JdbcTemplate template(DataSource dataSource, JdbcProperties properties, StatementTimeouts timeouts,
			ObjectProvider<SQLExceptionTranslator> translator) {
		JdbcTemplate template = new BudgetedJdbcTemplate(dataSource, timeouts);
		JdbcProperties.Template settings = properties.getTemplate();
		template.setIgnoreWarnings(settings.isIgnoreWarnings());
		template.setFetchSize(settings.getFetchSize());
		template.setMaxRows(settings.getMaxRows());
		template.setSkipResultsProcessing(settings.isSkipResultsProcessing());
		template.setSkipUndeclaredResults(settings.isSkipUndeclaredResults());
		template.setResultsMapCaseInsensitive(settings.isResultsMapCaseInsensitive());
		translator.ifUnique(template::setExceptionTranslator);
		return template;
	}

	/** Lets running GraphQL requests find out that their client went away (see {@link ConnectionProbe}). */
	@Bean
	TomcatContextCustomizer connectionProbes(@Value("${spring.graphql.http.path:/graphql}") String path) {
		return context -> context.getPipeline().addValve(new ConnectionProbe.Valve(path));
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
