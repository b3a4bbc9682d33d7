package io.ordergraph.integration.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.integration.IntegrationProperties;
import io.ordergraph.integration.IntegratorService;
import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.platform.db.EmbeddedDatabaseCondition;
import io.ordergraph.platform.outbox.OutboxSettings;
import io.ordergraph.platform.outbox.OutboxWorker;

/** Encryption of secrets, endpoint rules and the delivery worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrationProperties.class)
class IntegrationConfiguration {

	static final String WORKER = "integrationOutboxWorker";

	private static final Logger log = LoggerFactory.getLogger(IntegrationConfiguration.class);

	@Bean
	Secrets integrationSecrets(IntegrationProperties properties, Environment environment) {
		String key = properties.encryptionKey();
		if (key != null && !key.isBlank()) {
			return Secrets.of(key);
		}
		if (!EmbeddedDatabaseCondition.embedded(environment)) {
			log.error("Integrations are unusable: set ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY (base64 of 32 random bytes);"
					+ " integrator secrets are encrypted at rest");
			return Secrets.unconfigured();
		}
		log.warn("Integrations: no ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY; using a key generated for this run"
				+ " (embedded mode only): stored integrator secrets will not survive a restart");
		return Secrets.generated();
	}

	@Bean
	Endpoints integrationEndpoints(IntegrationProperties properties, Environment environment) {
		boolean embedded = EmbeddedDatabaseCondition.embedded(environment);
		boolean allowPrivate = properties.allowPrivateAddresses() == null ? embedded : properties.allowPrivateAddresses();
		return new Endpoints(embedded, allowPrivate);
	}

	@Bean
	IntegratorService.IntegrationWake integrationWake(@Qualifier(WORKER) ObjectProvider<OutboxWorker> worker) {
		return () -> worker.ifAvailable(OutboxWorker::wake);
	}

	@Bean(WORKER)
	OutboxWorker integrationOutboxWorker(IntegrationProperties properties, Secrets secrets, Endpoints endpoints,
			JdbcTemplate jdbc, TransactionTemplate transactions, OrderEvents orderEvents) {
		IntegrationProperties.Worker w = properties.worker();
		Duration floor = properties.connectTimeout().plus(properties.readTimeout()).plusSeconds(5);
		Duration lease = w.lease().compareTo(floor) < 0 ? floor : w.lease();
		// the whole-worker pause is never triggered (no delivery reports the receiver down), so its values do not matter
		OutboxSettings settings = new OutboxSettings(w.pollInterval(), w.concurrency(), w.ratePerSecond(),
				w.maxAttempts(), w.backoffBase(), w.backoffMax(), Duration.ofSeconds(1), Duration.ofSeconds(1), lease);
		return new OutboxWorker(new DeliveryQueue(jdbc, secrets, endpoints, properties, orderEvents), settings, jdbc,
				transactions);
	}

}
