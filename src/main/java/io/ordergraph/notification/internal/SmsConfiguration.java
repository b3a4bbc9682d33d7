package io.ordergraph.notification.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.platform.outbox.OutboxSettings;
import io.ordergraph.platform.outbox.OutboxWorker;

/** The Africa's Talking client and the SMS outbox worker, present only when SMS is switched on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsProperties.class)
class SmsConfiguration {

	static final String WORKER = "smsOutboxWorker";

	private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

	@Bean
	@Conditional(SmsEnabledCondition.class)
	AfricasTalkingClient africasTalkingClient(SmsProperties properties) {
		log.info("SMS through Africa's Talking: {}", properties);
		return new AfricasTalkingClient(properties);
	}

	@Bean(WORKER)
	@Conditional(SmsEnabledCondition.class)
	OutboxWorker smsOutboxWorker(SmsProperties properties, AfricasTalkingClient client, JdbcTemplate jdbc,
			TransactionTemplate transactions, OrderEvents orderEvents) {
		SmsProperties.Worker w = properties.worker();
		// a claim must outlive the slowest possible request, or a live send would be taken for a crashed one
		java.time.Duration floor = properties.connectTimeout().plus(properties.readTimeout()).plusSeconds(5);
		java.time.Duration lease = w.lease().compareTo(floor) < 0 ? floor : w.lease();
		OutboxSettings settings = new OutboxSettings(w.pollInterval(), w.concurrency(), w.ratePerSecond(),
				w.maxAttempts(), w.backoffBase(), w.backoffMax(), w.pauseBase(), w.pauseMax(), lease);
		return new OutboxWorker(new SmsQueue(jdbc, client, orderEvents), settings, jdbc, transactions);
	}

}
