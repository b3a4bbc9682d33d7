package io.ordergraph.integration.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.integration.IntegrationProperties;
import io.ordergraph.integration.IntegratorService;
import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.platform.db.EmbeddedDatabaseCondition;
import io.ordergraph.platform.outbox.OutboxSettings;
import io.ordergraph.platform.outbox.OutboxWorker;
import io.ordergraph.platform.security.ConfigurationException;

/** Encryption of secrets, endpoint rules and the delivery worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrationProperties.class)
class IntegrationConfiguration {

	static final String WORKER = "integrationOutboxWorker";

	private static final Logger log = LoggerFactory.getLogger(IntegrationConfiguration.class);

	/** Refuses to start without a key outside embedded mode (after the security checks, which say more first). */
	@Bean
	@DependsOn("securityConfiguration")
	Secrets integrationSecrets(IntegrationProperties properties, Environment environment) {
		String key = properties.encryptionKey();
		if (key != null && !key.isBlank()) {
			try {
				return Secrets.of(key);
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				throw new ConfigurationException("ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY is not a base64 AES key of 16, 24"
						+ " or 32 bytes", "Set ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY to the base64 of 32 random bytes"
								+ " (for example the output of `openssl rand -base64 32`)");
			}
		}
		if (!EmbeddedDatabaseCondition.embedded(environment)) {
			throw new ConfigurationException("No key to encrypt integrator secrets at rest is configured",
					"Set ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY to the base64 of 32 random bytes (for example the output"
							+ " of `openssl rand -base64 32`), the same on every instance, and keep it secret");
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
		IntegratorTokens tokens = new IntegratorTokens(properties.connectTimeout(), properties.readTimeout(),
				properties.tokenRefreshMargin());
		return new OutboxWorker(new DeliveryQueue(jdbc, secrets, endpoints, properties, orderEvents, tokens), settings,
				jdbc, transactions);
	}

}
