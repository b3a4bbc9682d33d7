package io.ordergraph.notification.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.platform.outbox.OutboxQueue;
import io.ordergraph.platform.outbox.Outcome;

/**
 * The SMS outbox as the generic worker sees it. Africa's Talking has no idempotency key, so a message whose sender
 * died between the request and recording the answer is UNCERTAIN: shown to staff, resent only by a person.
 */
class SmsQueue implements OutboxQueue {

	private final JdbcTemplate jdbc;

	private final AfricasTalkingClient client;

	private final OrderEvents orderEvents;

	SmsQueue(JdbcTemplate jdbc, AfricasTalkingClient client, OrderEvents orderEvents) {
		this.jdbc = jdbc;
		this.client = client;
		this.orderEvents = orderEvents;
	}

	@Override
	public String name() {
		return "sms";
	}

	@Override
	public String table() {
		return "sms_message";
	}

	@Override
	public StaleClaim onStaleClaim() {
		return StaleClaim.UNCERTAIN;
	}

	@Override
	public Outcome deliver(UUID id, int attempt) {
		List<Map<String, Object>> rows = jdbc.queryForList("select recipient, body from sms_message where id = ?", id);
		if (rows.isEmpty() || rows.get(0).get("recipient") == null) {
			return new Outcome.Refused("FAILED", "No recipient", Map.of());
		}
		return client.send((String) rows.get(0).get("recipient"), (String) rows.get(0).get("body"));
	}

	@Override
	public void recorded(UUID id, String status, Outcome outcome) {
		Map<String, Object> details = switch (outcome) {
			case Outcome.Delivered delivered -> delivered.details();
			case Outcome.Refused refused -> refused.details();
			case Outcome.Retry retry -> Map.of();
		};
		if (!details.isEmpty()) {
			Object[] cost = AfricasTalkingClient.parseCost(details.get(AfricasTalkingClient.COST));
			jdbc.update("update sms_message set provider_message_id = coalesce(?, provider_message_id),"
					+ " provider_status = coalesce(?, provider_status), cost_amount = ?, cost_currency = ? where id = ?",
					details.get(AfricasTalkingClient.MESSAGE_ID), details.get(AfricasTalkingClient.PROVIDER_STATUS),
					cost == null ? null : cost[0], cost == null ? null : cost[1], id);
		}
		if (!"PENDING".equals(status)) {
			announce(id, status);
		}
	}

	@Override
	public void markedUncertain(UUID id) {
		announce(id, "UNCERTAIN");
	}

	private void announce(UUID id, String status) {
		List<UUID> order = jdbc.queryForList("select order_id from sms_message where id = ? and order_id is not null",
				UUID.class, id);
		order.forEach(orderId -> orderEvents.notificationChanged(orderId, status, "SMS " + status.toLowerCase()));
	}

}
