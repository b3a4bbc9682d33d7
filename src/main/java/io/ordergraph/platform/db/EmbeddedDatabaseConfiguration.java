package io.ordergraph.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no database configured, Ordergraph starts a real PostgreSQL of its own, keeping its data under a local folder
 * between runs. Setting {@code SPRING_DATASOURCE_URL} switches this off.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(@Value("${ordergraph.embedded-db.data-directory:./data/postgres}") Path dataDir,
			@Value("${ordergraph.embedded-db.port:0}") int port,
			@Value("${ordergraph.embedded-db.clean:false}") boolean clean) throws IOException {
		Files.createDirectories(dataDir);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.toAbsolutePath())
			.setCleanDataDirectory(clean)
			// closed by the application context, after everything using it; its own JVM hook would race it
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "100");
		if (port > 0) {
			builder.setPort(port);
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir.toAbsolutePath());
		return postgres;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres,
			@Value("${ordergraph.embedded-db.pool-size:10}") int poolSize) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(poolSize);
		config.setPoolName("embedded");
		return new HikariDataSource(config);
	}

}
