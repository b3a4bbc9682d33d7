package io.ordergraph.integration.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import io.ordergraph.integration.IntegrationProperties;
import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.platform.outbox.OutboxQueue;
import io.ordergraph.platform.outbox.Outcome;

/**
 * Integrator deliveries as the generic outbox worker sees them: in order per (integrator, order), signed with the
 * Standard Webhooks scheme. The {@code webhook-id} is the delivery's id, so an integrator recognises a repeat: a
 * delivery whose sender died mid-request is simply sent again.
 */
class DeliveryQueue implements OutboxQueue {

	static final int MAX_EXCERPT = 1000;

	private final JdbcTemplate jdbc;

	private final Secrets secrets;

	private final Endpoints endpoints;

	private final IntegrationProperties properties;

	private final OrderEvents orderEvents;

	private final HttpClient http;

	private final IntegratorTokens tokens;

	DeliveryQueue(JdbcTemplate jdbc, Secrets secrets, Endpoints endpoints, IntegrationProperties properties,
			OrderEvents orderEvents, IntegratorTokens tokens) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.secrets = secrets;
		this.endpoints = endpoints;
		this.properties = properties;
		this.orderEvents = orderEvents;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public String name() {
		return "integrations";
	}

	@Override
	public String table() {
		return "integrator_delivery";
	}

	@Override
	public String orderingColumn() {
		return "ordering_key";
	}

	@Override
	public StaleClaim onStaleClaim() {
		return StaleClaim.RETRY;
	}

	@Override
	public Outcome deliver(UUID id, int attempt) {
		List<Map<String, Object>> rows = jdbc.queryForList("select d.body, i.endpoint_url, i.signing_secret,"
				+ " i.previous_secret, i.previous_secret_until, i.auth_kind, i.auth_header_name, i.auth_header_value,"
				+ " d.integrator_id, i.auth_token_url, i.auth_client_id, i.auth_client_secret, i.auth_scope"
				+ " from integrator_delivery d join integrator i on i.id = d.integrator_id where d.id = ?", id);
		if (rows.isEmpty()) {
			return new Outcome.Refused("FAILED", "The delivery is gone", Map.of());
		}
		Map<String, Object> row = rows.get(0);
		String url = (String) row.get("endpoint_url");
		var unfit = endpoints.whyNot(url);
		if (unfit.isPresent()) {
			return new Outcome.Refused("FAILED", "Endpoint refused: " + unfit.get(), Map.of());
		}
		String body = (String) row.get("body");
		long timestamp = Instant.now().getEpochSecond();
		String signature = Signatures.sign(secrets.decrypt((String) row.get("signing_secret")), id.toString(), timestamp,
				body);
		java.sql.Timestamp until = (java.sql.Timestamp) row.get("previous_secret_until");
		if (row.get("previous_secret") != null && until != null && until.toInstant().isAfter(Instant.now())) {
			signature += " " + Signatures.sign(secrets.decrypt((String) row.get("previous_secret")), id.toString(),
					timestamp, body);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(properties.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Ordergraph-Webhooks")
			.header("webhook-id", id.toString())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if ("STATIC_HEADER".equals(row.get("auth_kind"))) {
			request.header((String) row.get("auth_header_name"), secrets.decrypt((String) row.get("auth_header_value")));
		}
		IntegratorTokens.Credentials credentials = null;
		String token = null;
		if ("OAUTH2_CLIENT_CREDENTIALS".equals(row.get("auth_kind"))) {
			String tokenUrl = (String) row.get("auth_token_url");
			var unfitTokenUrl = endpoints.whyNot(tokenUrl);
			if (unfitTokenUrl.isPresent()) {
				return new Outcome.Refused("FAILED", "Token endpoint refused: " + unfitTokenUrl.get(), Map.of());
			}
			credentials = new IntegratorTokens.Credentials((UUID) row.get("integrator_id"), tokenUrl,
					(String) row.get("auth_client_id"), secrets.decrypt((String) row.get("auth_client_secret")),
					(String) row.get("auth_scope"));
			try {
				token = tokens.token(credentials);
			}
			catch (RuntimeException ex) {
				return retryWithoutResponse(id, IntegratorTokens.why(ex));
			}
			request.setHeader("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 401 && credentials != null) {
				// the token may have been revoked or the integrator's keys rotated: one new token, one more try
				tokens.forget(credentials, token);
				try {
					token = tokens.token(credentials);
				}
				catch (RuntimeException ex) {
					return retryWithoutResponse(id, IntegratorTokens.why(ex));
				}
				request.setHeader("Authorization", "Bearer " + token);
				response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			String excerpt = response.body() == null ? null
					: response.body().length() <= MAX_EXCERPT ? response.body()
							: response.body().substring(0, MAX_EXCERPT - 1) + "…";
			jdbc.update("update integrator_delivery set last_response_code = ?, last_response_excerpt = ? where id = ?",
					response.statusCode(), excerpt, id);
			if (response.statusCode() / 100 == 2) {
				return Outcome.delivered("DELIVERED");
			}
			return new Outcome.Retry("HTTP " + response.statusCode(), false);
		}
		catch (java.net.http.HttpTimeoutException ex) {
			return retryWithoutResponse(id, "Timed out");
		}
		catch (java.io.IOException ex) {
			return retryWithoutResponse(id, "Connection failed (" + ex.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return retryWithoutResponse(id, "Interrupted");
		}
	}

	private Outcome retryWithoutResponse(UUID id, String error) {
		jdbc.update("update integrator_delivery set last_response_code = null, last_response_excerpt = null where id = ?",
				id);
		// never pause the whole worker: one integrator being down must not slow the others
		return new Outcome.Retry(error, false);
	}

	@Override
	public void recorded(UUID id, String status, Outcome outcome) {
		if ("PENDING".equals(status)) {
			return;
		}
		List<Map<String, Object>> rows = jdbc.queryForList("select d.order_id, d.event_type, i.name from"
				+ " integrator_delivery d join integrator i on i.id = d.integrator_id where d.id = ?", id);
		// for staff: how the hand-over to a partner went is not the customer's business
		rows.forEach(row -> orderEvents.notificationChanged((UUID) row.get("order_id"), "INTEGRATOR_" + status,
				"Integrator " + row.get("name") + ": " + row.get("event_type") + " " + status.toLowerCase(), true));
	}

}
