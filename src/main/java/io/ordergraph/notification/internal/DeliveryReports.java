package io.ordergraph.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.ordering.OrderEvents;

/**
 * Applies Africa's Talking delivery reports. Final reports (Success, Rejected, Failed, AbsentSubscriber, Expired)
 * move a SENT message to DELIVERED, REJECTED or UNDELIVERED; intermediate ones (Sent, Submitted, Buffered) only
 * update the provider status. Unknown ids and repeats change nothing.
 */
@Component
public class DeliveryReports {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final OrderEvents orderEvents;

	private final SmsProperties properties;

	DeliveryReports(JdbcTemplate jdbc, TransactionTemplate transactions, OrderEvents orderEvents,
			SmsProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.orderEvents = orderEvents;
		this.properties = properties;
	}

	/** Whether the token in the callback URL is the configured one (constant time; none configured: never). */
	public boolean tokenMatches(String token) {
		String expected = properties.callbackToken();
		if (expected == null || token == null) {
			return false;
		}
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
	}

	/** Applies one report; answers whether it changed anything. */
	public boolean apply(String messageId, String providerStatus, String networkCode, String failureReason) {
		if (messageId == null || messageId.isBlank() || providerStatus == null || providerStatus.isBlank()) {
			return false;
		}
		String status = switch (providerStatus.strip().toLowerCase(Locale.ROOT)) {
			case "success" -> "DELIVERED";
			case "rejected" -> "REJECTED";
			case "failed", "absentsubscriber", "expired" -> "UNDELIVERED";
			default -> null;
		};
		String provider = clip(providerStatus.strip(), 50);
		String reason = failureReason == null || failureReason.isBlank() ? null : clip(failureReason.strip(), 100);
		String network = networkCode == null || networkCode.isBlank() ? null : clip(networkCode.strip(), 20);
		return Boolean.TRUE.equals(transactions.execute(tx -> {
			if (status == null) {
				jdbc.update("update sms_message set provider_status = ?, network_code = coalesce(?, network_code),"
						+ " updated_at = now() where provider_message_id = ? and status = 'SENT'"
						+ " and provider_status is distinct from ?", provider, network, messageId.strip(), provider);
				return false;
			}
			List<UUID> orders = jdbc.queryForList("update sms_message set status = ?, provider_status = ?,"
					+ " failure_reason = ?, network_code = ?, last_error = ?, updated_at = now()"
					+ " where provider_message_id = ? and status = 'SENT' returning order_id", UUID.class, status,
					provider, reason, network, reason == null ? null : "Delivery report: " + reason, messageId.strip());
			orders.stream()
				.filter(java.util.Objects::nonNull)
				.forEach(orderId -> orderEvents.notificationChanged(orderId, status, "SMS " + status.toLowerCase(Locale.ROOT)));
			return !orders.isEmpty();
		}));
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

}
