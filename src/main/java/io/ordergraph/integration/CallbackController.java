package io.ordergraph.integration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.ordergraph.integration.internal.Secrets;
import io.ordergraph.integration.internal.Signatures;
import io.ordergraph.ordering.OrderLifecycle;
import io.ordergraph.ordering.OrderPayload;
import io.ordergraph.ordering.OrderStatus;
import io.ordergraph.platform.graphql.GlobalId;

/**
 * Integrators' answers (seed 001's callback), signed like our deliveries: {@code {"order": "<our order number>",
 * "status": "ACCEPTED", "note": "..."}} moves the order, {@code {"order": "...", "message": "..."}} tells the
 * customer something without a status change. Applied through the order lifecycle with the integrator as the actor.
 */
@RestController
class CallbackController {

	private static final long TOLERANCE_SECONDS = 300;

	static final int MAX_MESSAGE = 500;

	private final JdbcTemplate jdbc;

	private final Secrets secrets;

	private final OrderLifecycle lifecycle;

	private final JsonMapper json;

	CallbackController(JdbcTemplate jdbc, Secrets secrets, OrderLifecycle lifecycle, JsonMapper json) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.lifecycle = lifecycle;
		this.json = json;
	}

	@PostMapping(path = "/integrations/{integratorId}/callback")
	ResponseEntity<Map<String, Object>> callback(@PathVariable String integratorId,
			@RequestHeader(name = "webhook-id", required = false) String webhookId,
			@RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
			@RequestHeader(name = "webhook-signature", required = false) String signature,
			@RequestBody(required = false) String body) {
		UUID id;
		try {
			id = GlobalId.decode(integratorId, Integrator.NODE_TYPE);
		}
		catch (RuntimeException ex) {
			return refuse(404, "unknown_integrator", "No integrator has that id");
		}
		List<Map<String, Object>> rows = jdbc.queryForList("select name, signing_secret, previous_secret,"
				+ " previous_secret_until from integrator where id = ?", id);
		if (rows.isEmpty()) {
			return refuse(404, "unknown_integrator", "No integrator has that id");
		}
		if (webhookId == null || timestamp == null || signature == null || body == null || webhookId.length() > 200) {
			return refuse(400, "missing_headers", "webhook-id, webhook-timestamp, webhook-signature and a body are required");
		}
		long at;
		try {
			at = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return refuse(400, "bad_timestamp", "webhook-timestamp must be Unix seconds");
		}
		if (Math.abs(Instant.now().getEpochSecond() - at) > TOLERANCE_SECONDS) {
			return refuse(400, "stale_timestamp", "webhook-timestamp is more than 5 minutes away from now");
		}
		Map<String, Object> row = rows.get(0);
		boolean valid = Signatures.verify(secrets.decrypt((String) row.get("signing_secret")), webhookId, at, body,
				signature);
		java.sql.Timestamp until = (java.sql.Timestamp) row.get("previous_secret_until");
		if (!valid && row.get("previous_secret") != null && until != null && until.toInstant().isAfter(Instant.now())) {
			valid = Signatures.verify(secrets.decrypt((String) row.get("previous_secret")), webhookId, at, body, signature);
		}
		if (!valid) {
			return refuse(401, "bad_signature", "The signature does not match");
		}
		Map<?, ?> message;
		try {
			message = json.readValue(body, Map.class);
		}
		catch (RuntimeException ex) {
			return refuse(400, "bad_body", "The body must be a JSON object");
		}
		Object number = message.get("order");
		Object status = message.get("status");
		Object text = message.get("message");
		OrderStatus target;
		try {
			target = status == null ? null : OrderStatus.valueOf(status.toString());
		}
		catch (IllegalArgumentException ex) {
			target = null;
		}
		if (!(number instanceof String) || (status == null) == (text == null) || (status != null && target == null)) {
			return refuse(400, "bad_body",
					"The body needs \"order\" (our order number) and either a valid \"status\" or a \"message\"");
		}
		if (text != null && (!(text instanceof String s) || s.isBlank() || s.strip().length() > MAX_MESSAGE)) {
			return refuse(400, "bad_message", "\"message\" must be a non-blank text of at most " + MAX_MESSAGE
					+ " characters");
		}
		int fresh = jdbc.update("insert into integrator_callback_seen (integrator_id, webhook_id, received_at)"
				+ " values (?, ?, now()) on conflict do nothing", id, webhookId);
		if (fresh == 0) {
			return refuse(409, "replayed", "This webhook-id was already received");
		}
		Object note = message.get("note");
		OrderPayload result = target == null
				? lifecycle.messageBySystem((String) number, ((String) text).strip(), "integrator:" + id,
						(String) row.get("name"))
				: lifecycle.transitionBySystem(null, (String) number, target, note == null ? null : note.toString(),
						"integrator:" + id, (String) row.get("name"));
		if (result == null || !result.errors().isEmpty()) {
			// nothing changed: forget the id, so a corrected retry is not taken for a replay
			jdbc.update("delete from integrator_callback_seen where integrator_id = ? and webhook_id = ?", id, webhookId);
			return result == null ? refuse(404, "unknown_order", "No order has that number")
					: refuse(409, "illegal_transition", result.errors().get(0).message());
		}
		return ResponseEntity.ok(Map.of("order", result.order().getNumber(), "status", result.order().getStatus().name()));
	}

	private static ResponseEntity<Map<String, Object>> refuse(int status, String reason, String message) {
		return ResponseEntity.status(status).body(Map.of("reason", reason, "message", message));
	}

}
