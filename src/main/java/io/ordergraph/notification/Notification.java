package io.ordergraph.notification;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.ordergraph.platform.graphql.Money;
import io.ordergraph.platform.graphql.NodeSource;

/** An SMS to a customer about an order, as the outbox holds it. Read here; written only by the outbox (SQL). */
@Entity
@Immutable
@Table(name = "sms_message")
public class Notification implements NodeSource {

	public static final String NODE_TYPE = "Notification";

	@Id
	private UUID id;

	private long seq;

	private UUID orderId;

	private String orderNumber;

	private UUID customerId;

	@Enumerated(EnumType.STRING)
	private NotificationEvent event;

	private String recipient;

	private String body;

	@Enumerated(EnumType.STRING)
	private NotificationStatus status;

	private int attempts;

	private Instant nextAttemptAt;

	private String lastError;

	private String providerMessageId;

	private String providerStatus;

	private BigDecimal costAmount;

	private String costCurrency;

	private String failureReason;

	private UUID resentFrom;

	private Instant createdAt;

	private Instant updatedAt;

	protected Notification() {
	}

	@Override
	public UUID getId() {
		return id;
	}

	public long getSeq() {
		return seq;
	}

	public UUID getOrderId() {
		return orderId;
	}

	public String getOrderNumber() {
		return orderNumber;
	}

	public UUID getCustomerId() {
		return customerId;
	}

	public NotificationEvent getEvent() {
		return event;
	}

	public String getRecipient() {
		return recipient;
	}

	public String getBody() {
		return body;
	}

	public NotificationStatus getStatus() {
		return status;
	}

	public int getAttempts() {
		return attempts;
	}

	public Instant getNextAttemptAt() {
		return status == NotificationStatus.PENDING ? nextAttemptAt : null;
	}

	public String getLastError() {
		return lastError;
	}

	public String getProviderMessageId() {
		return providerMessageId;
	}

	public String getProviderStatus() {
		return providerStatus;
	}

	public Money getCost() {
		return costAmount == null || costCurrency == null ? null : Money.of(costAmount, costCurrency);
	}

	public String getFailureReason() {
		return failureReason;
	}

	public UUID getResentFrom() {
		return resentFrom;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

}
