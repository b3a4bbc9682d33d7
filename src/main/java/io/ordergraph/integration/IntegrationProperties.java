package io.ordergraph.integration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the integrator deliveries ({@code ordergraph.integrations.*}, see docs/integrators.md).
 * @param allowPrivateAddresses permit loopback, link-local and private endpoints; null: only in embedded mode
 * @param encryptionKey base64 AES key (16, 24 or 32 bytes) for secrets at rest; empty: a generated key, embedded
 * mode only
 * @param timezone the time zone sent with each order
 * @param sellerId the seller's id sent with each order
 * @param connectTimeout connect timeout of a delivery
 * @param readTimeout how long an integrator may take to answer
 * @param worker pacing of the delivery worker
 * @param tokenRefreshMargin how long before its expiry an OAuth2 access token is replaced by a new one
 */
@ConfigurationProperties("ordergraph.integrations")
public record IntegrationProperties(Boolean allowPrivateAddresses, String encryptionKey, String timezone,
		String sellerId, Duration connectTimeout, Duration readTimeout, Worker worker, Duration tokenRefreshMargin) {

	public IntegrationProperties {
		timezone = (timezone == null || timezone.isBlank()) ? "UTC" : timezone;
		sellerId = (sellerId == null || sellerId.isBlank()) ? "shop" : sellerId;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
		tokenRefreshMargin = tokenRefreshMargin == null ? Duration.ofSeconds(60) : tokenRefreshMargin;
		worker = worker == null ? new Worker(null, 0, 0, 0, null, null, null) : worker;
	}

	/** See {@link io.ordergraph.platform.outbox.OutboxSettings}. */
	public record Worker(Duration pollInterval, int concurrency, double ratePerSecond, int maxAttempts,
			Duration backoffBase, Duration backoffMax, Duration lease) {

		public Worker {
			pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
			concurrency = concurrency <= 0 ? 8 : concurrency;
			ratePerSecond = ratePerSecond <= 0 ? 50 : ratePerSecond;
			maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
			backoffBase = backoffBase == null ? Duration.ofSeconds(10) : backoffBase;
			backoffMax = backoffMax == null ? Duration.ofMinutes(30) : backoffMax;
			lease = lease == null ? Duration.ofMinutes(2) : lease;
		}

	}

}
