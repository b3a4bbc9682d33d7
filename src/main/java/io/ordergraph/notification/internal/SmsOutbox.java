package io.ordergraph.notification.internal;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.notification.NotificationEvent;
import io.ordergraph.notification.NotificationStatus;
import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.platform.events.DomainEvent;
import io.ordergraph.platform.events.DomainEventHandler;
import io.ordergraph.platform.outbox.OutboxWorker;

/**
 * Writes the SMS outbox row for an order event inside the order change's own transaction: PENDING to be sent after
 * commit, or SKIPPED with the reason (no customer, no phone, a number that cannot take SMS, SMS switched off).
 */
@Component
public class SmsOutbox implements DomainEventHandler {

	private final JdbcTemplate jdbc;

	private final CustomerService customers;

	private final Recipients recipients;

	private final SmsTemplates templates;

	private final SmsProperties properties;

	private final ObjectProvider<OutboxWorker> worker;

	SmsOutbox(JdbcTemplate jdbc, CustomerService customers, Recipients recipients, SmsTemplates templates,
			SmsProperties properties, @Qualifier(SmsConfiguration.WORKER) ObjectProvider<OutboxWorker> worker) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.recipients = recipients;
		this.templates = templates;
		this.properties = properties;
		this.worker = worker;
	}

	@Override
	public void handle(DomainEvent event) {
		if (!OrderEvents.AGGREGATE.equals(event.aggregateType())) {
			return;
		}
		NotificationEvent kind = kind(event);
		if (kind == null || !properties.events().contains(kind)) {
			return;
		}
		Map<String, Object> data = event.data();
		String total = data.get("total") == null ? "" : data.get("currency") + " " + data.get("total");
		String body = templates.render(kind, Map.of("number", String.valueOf(data.get("number")), "total", total,
				"status", String.valueOf(data.get("status")), "reason", Optional.ofNullable((String) data.get("note"))
					.orElse("")));
		Optional<Customer> customer = Optional.ofNullable(event.ownerId()).flatMap(customers::findById);
		String phone = customer.map(Customer::getPhone).orElse(null);
		Optional<String> skip = eligibility(customer.isPresent(), phone);
		insert(event.aggregateId(), (String) data.get("number"), event.ownerId(), kind, phone, body, skip.orElse(null),
				null);
	}

	/** Why a message to this customer/phone is not sent now, if it is not. */
	public Optional<String> eligibility(boolean hasCustomer, String phone) {
		if (!hasCustomer) {
			return Optional.of("The order has no customer to text");
		}
		Optional<String> unfit = recipients.whyNot(phone);
		if (unfit.isPresent()) {
			return unfit;
		}
		if (!properties.isEnabled()) {
			return Optional.of("SMS is switched off (no Africa's Talking API key configured, or ORDERGRAPH_SMS_ENABLED=false)");
		}
		return Optional.empty();
	}

	/** Inserts a row in the current transaction; PENDING ones wake the worker after commit. */
	public UUID insert(UUID orderId, String orderNumber, UUID customerId, NotificationEvent kind, String recipient,
			String body, String skipReason, UUID resentFrom) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		NotificationStatus status = skipReason == null ? NotificationStatus.PENDING : NotificationStatus.SKIPPED;
		jdbc.update("insert into sms_message (id, order_id, order_number, customer_id, event, recipient, body, status,"
				+ " next_attempt_at, last_error, resent_from, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				id, orderId, orderNumber, customerId, kind.name(), recipient, body, status.name(),
				skipReason == null ? now : null, skipReason, resentFrom, now, now);
		if (skipReason == null && TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					worker.ifAvailable(OutboxWorker::wake);
				}
			});
		}
		return id;
	}

	private static NotificationEvent kind(DomainEvent event) {
		if (OrderEvents.PLACED.equals(event.type())) {
			return NotificationEvent.PLACED;
		}
		if (OrderEvents.STATUS_CHANGED.equals(event.type())) {
			return switch (String.valueOf(event.data().get("status"))) {
				case "ACCEPTED" -> NotificationEvent.ACCEPTED;
				case "REJECTED" -> NotificationEvent.REJECTED;
				case "READY" -> NotificationEvent.READY;
				default -> null;
			};
		}
		return null;
	}

}
