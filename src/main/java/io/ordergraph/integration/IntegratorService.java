package io.ordergraph.integration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.integration.internal.Endpoints;
import io.ordergraph.integration.internal.Secrets;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.graphql.UserError;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** The integrators registry and their deliveries, for staff with MANAGE_INTEGRATIONS. */
@Service
public class IntegratorService {

	public static final Set<String> EVENTS = Set.of("ORDER_PLACED", "ORDER_STATUS_CHANGED", "ORDER_CANCELLED",
			"ORDER_LINES_CHANGED");

	private static final String COLUMNS = "i.id, i.name, i.endpoint_url, i.events, i.active, i.auth_kind,"
			+ " i.auth_header_name, i.auth_token_url, i.auth_client_id, i.auth_scope, i.created_at, i.updated_at, (select case when count(*) = 0 then null else"
			+ " count(*) filter (where d.status = 'FAILED')::float / count(*) end from integrator_delivery d"
			+ " where d.integrator_id = i.id and d.status in ('DELIVERED', 'FAILED')"
			+ " and d.updated_at > now() - interval '24 hours') as failure_rate";

	private static final String DELIVERY_COLUMNS = "id, integrator_id, order_id, event_id, event_type, status,"
			+ " attempts, last_response_code, last_response_excerpt, last_error, next_attempt_at, created_at, updated_at";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Secrets secrets;

	private final Endpoints endpoints;

	private final Runnable wake;

	IntegratorService(JdbcTemplate jdbc, TransactionTemplate transactions, Secrets secrets, Endpoints endpoints,
			IntegrationWake wake) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.secrets = secrets;
		this.endpoints = endpoints;
		this.wake = wake::wake;
	}

	/** Wakes the delivery worker; a bean so that the worker may depend on this service's neighbours. */
	public interface IntegrationWake {

		void wake();

	}

	/**
	 * How we authenticate to an integrator: NONE, STATIC_HEADER (headerName, headerValue) or
	 * OAUTH2_CLIENT_CREDENTIALS (tokenUrl, clientId, clientSecret, optional scope).
	 */
	public record Auth(String kind, String headerName, String headerValue, String tokenUrl, String clientId,
			String clientSecret, String scope) {

		static Auth none() {
			return new Auth("NONE", null, null, null, null, null, null);
		}

	}

	public record Changes(String name, String endpointUrl, List<String> events, Boolean active, Auth auth) {
	}

	public IntegratorPayload create(Changes input, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		InputErrors errors = new InputErrors();
		String name = errors.text(input.name(), 200, true, "input", "name");
		String url = checkUrl(errors, input.endpointUrl(), true);
		List<String> events = checkEvents(errors, input.events(), true);
		Auth auth = checkAuth(errors, input.auth() == null ? Auth.none() : input.auth());
		if (errors.any()) {
			return IntegratorPayload.failed(errors.list());
		}
		UUID id = UUID.randomUUID();
		String secret = Secrets.newSigningSecret();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.update("insert into integrator (id, name, endpoint_url, events, active, signing_secret, auth_kind,"
				+ " auth_header_name, auth_header_value, auth_token_url, auth_client_id, auth_client_secret, auth_scope,"
				+ " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				id, name, url, String.join(",", events), input.active() == null || input.active(),
				secrets.encrypt(secret), auth.kind(), auth.headerName(), secrets.encrypt(auth.headerValue()),
				auth.tokenUrl(), auth.clientId(), secrets.encrypt(auth.clientSecret()), auth.scope(), now, now);
		return new IntegratorPayload(find(id).orElseThrow(), secret, List.of());
	}

	public IntegratorPayload update(UUID id, Changes input, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		if (id == null || find(id).isEmpty()) {
			return IntegratorPayload.failed(List.of(UserError.of("INTEGRATOR_NOT_FOUND", "No such integrator", "input", "id")));
		}
		InputErrors errors = new InputErrors();
		String name = input.name() == null ? null : errors.text(input.name(), 200, true, "input", "name");
		String url = input.endpointUrl() == null ? null : checkUrl(errors, input.endpointUrl(), true);
		List<String> events = input.events() == null ? null : checkEvents(errors, input.events(), true);
		Auth auth = input.auth() == null ? null : checkAuth(errors, input.auth());
		if (errors.any()) {
			return IntegratorPayload.failed(errors.list());
		}
		transactions.executeWithoutResult(tx -> {
			jdbc.update("update integrator set name = coalesce(?, name), endpoint_url = coalesce(?, endpoint_url),"
					+ " events = coalesce(?, events), active = coalesce(?, active), updated_at = now() where id = ?", name,
					url, events == null ? null : String.join(",", events), input.active(), id);
			if (auth != null) {
				jdbc.update("update integrator set auth_kind = ?, auth_header_name = ?, auth_header_value = ?,"
						+ " auth_token_url = ?, auth_client_id = ?, auth_client_secret = ?, auth_scope = ? where id = ?",
						auth.kind(), auth.headerName(), secrets.encrypt(auth.headerValue()), auth.tokenUrl(),
						auth.clientId(), secrets.encrypt(auth.clientSecret()), auth.scope(), id);
			}
			// paused: waiting deliveries are held (no attempts used); resumed: they go out again, in order
			if (Boolean.FALSE.equals(input.active())) {
				jdbc.update("update integrator_delivery set status = 'PAUSED', updated_at = now()"
						+ " where integrator_id = ? and status = 'PENDING'", id);
			}
			else if (Boolean.TRUE.equals(input.active())) {
				jdbc.update("update integrator_delivery set status = 'PENDING', next_attempt_at = now(), updated_at = now()"
						+ " where integrator_id = ? and status = 'PAUSED'", id);
			}
		});
		if (Boolean.TRUE.equals(input.active())) {
			wake.run();
		}
		return new IntegratorPayload(find(id).orElseThrow(), null, List.of());
	}

	/** A new signing secret; the old one keeps signing too (a second signature) for {@code overlap}. */
	public IntegratorPayload rotateSecret(UUID id, Duration overlap, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(7)) > 0) {
			return IntegratorPayload.failed(List.of(UserError.of(InputErrors.INVALID_INPUT,
					"The overlap must be between 0 and 7 days (10080 minutes)", "input", "overlapMinutes")));
		}
		String secret = Secrets.newSigningSecret();
		int updated = jdbc.update("update integrator set previous_secret = signing_secret, previous_secret_until = ?,"
				+ " signing_secret = ?, updated_at = now() where id = ?", Timestamp.from(Instant.now().plus(overlap)),
				secrets.encrypt(secret), id);
		if (updated == 0) {
			return IntegratorPayload.failed(List.of(UserError.of("INTEGRATOR_NOT_FOUND", "No such integrator", "input", "id")));
		}
		return new IntegratorPayload(find(id).orElseThrow(), secret, List.of());
	}

	public Connection<Integrator> list(Paging paging, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		long total = jdbc.queryForObject("select count(*) from integrator", Long.class);
		Paging.Window window = paging.window(total);
		List<Integrator> nodes = window.limit() == 0 ? List.of()
				: jdbc.query("select " + COLUMNS + " from integrator i order by i.created_at, i.id limit ? offset ?",
						INTEGRATOR, window.limit(), window.offset());
		return Connection.of(nodes, window.offset(), total);
	}

	public Optional<Integrator> find(UUID id, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		return find(id);
	}

	/** The integrators with these ids, by id, in one query. */
	public Map<UUID, Integrator> findAll(List<UUID> ids, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Integrator> found = new java.util.HashMap<>();
		jdbc.query(connection -> {
			var statement = connection.prepareStatement("select " + COLUMNS + " from integrator i where i.id = any(?)");
			statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
			return statement;
		}, INTEGRATOR).forEach(i -> found.put(i.uuid(), i));
		return found;
	}

	Optional<Integrator> find(UUID id) {
		return jdbc.query("select " + COLUMNS + " from integrator i where i.id = ?", INTEGRATOR, id).stream().findFirst();
	}

	public Connection<IntegratorDelivery> deliveries(UUID integratorId, UUID orderId, String status, Paging paging,
			Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		StringBuilder where = new StringBuilder(" where true");
		List<Object> args = new ArrayList<>();
		if (integratorId != null) {
			where.append(" and integrator_id = ?");
			args.add(integratorId);
		}
		if (orderId != null) {
			where.append(" and order_id = ?");
			args.add(orderId);
		}
		if (status != null) {
			where.append(" and status = ?");
			args.add(status);
		}
		long total = jdbc.queryForObject("select count(*) from integrator_delivery" + where, Long.class, args.toArray());
		Paging.Window window = paging.window(total);
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(window.limit());
		pageArgs.add(window.offset());
		List<IntegratorDelivery> nodes = window.limit() == 0 ? List.of()
				: jdbc.query("select " + DELIVERY_COLUMNS + " from integrator_delivery" + where
						+ " order by seq desc limit ? offset ?", DELIVERY, pageArgs.toArray());
		return Connection.of(nodes, window.offset(), total);
	}

	/** Sends a FAILED (or UNCERTAIN) delivery again, with a fresh set of attempts. */
	public DeliveryPayload redeliver(UUID id, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		List<String> status = id == null ? List.of()
				: jdbc.queryForList("select status from integrator_delivery where id = ?", String.class, id);
		if (status.isEmpty()) {
			return new DeliveryPayload(null, List.of(UserError.of("DELIVERY_NOT_FOUND", "No such delivery", "input", "id")));
		}
		int updated = jdbc.update("update integrator_delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(),"
				+ " claimed_at = null, claimed_by = null, updated_at = now() where id = ? and status in ('FAILED', 'UNCERTAIN')",
				id);
		if (updated == 0) {
			return new DeliveryPayload(null, List.of(UserError.of("DELIVERY_NOT_FAILED",
					"The delivery is " + status.get(0) + "; only failed or uncertain deliveries can be redelivered",
					"input", "id")));
		}
		wake.run();
		return new DeliveryPayload(delivery(id).orElseThrow(), List.of());
	}

	public Optional<IntegratorDelivery> delivery(UUID id) {
		return jdbc.query("select " + DELIVERY_COLUMNS + " from integrator_delivery where id = ?", DELIVERY, id)
			.stream()
			.findFirst();
	}

	public Optional<IntegratorDelivery> delivery(UUID id, Caller caller) {
		caller.requirePermission(Permission.MANAGE_INTEGRATIONS);
		return delivery(id);
	}

	private String checkUrl(InputErrors errors, String url, boolean required) {
		String clean = errors.text(url, 2000, required, "input", "endpointUrl");
		if (clean != null) {
			endpoints.whyNot(clean).ifPresent(why -> errors.add(InputErrors.INVALID_INPUT, why, "input", "endpointUrl"));
		}
		return clean;
	}

	private static List<String> checkEvents(InputErrors errors, List<String> events, boolean required) {
		if (events == null || events.isEmpty()) {
			if (required) {
				errors.add(InputErrors.INVALID_INPUT, "Choose at least one event", "input", "events");
			}
			return List.of();
		}
		return events.stream().distinct().sorted().toList();
	}

	private Auth checkAuth(InputErrors errors, Auth auth) {
		String kind = auth.kind() == null ? "NONE" : auth.kind();
		if (kind.equals("NONE")) {
			return Auth.none();
		}
		if (kind.equals("OAUTH2_CLIENT_CREDENTIALS")) {
			String tokenUrl = errors.text(auth.tokenUrl(), 2000, true, "input", "auth", "tokenUrl");
			if (tokenUrl != null) {
				endpoints.whyNot(tokenUrl)
					.ifPresent(why -> errors.add(InputErrors.INVALID_INPUT, why, "input", "auth", "tokenUrl"));
			}
			String clientId = errors.text(auth.clientId(), 200, true, "input", "auth", "clientId");
			String clientSecret = errors.text(auth.clientSecret(), 4000, true, "input", "auth", "clientSecret");
			String scope = errors.text(auth.scope(), 1000, false, "input", "auth", "scope");
			return new Auth(kind, null, null, tokenUrl, clientId, clientSecret, scope);
		}
		String name = errors.text(auth.headerName(), 200, true, "input", "auth", "headerName");
		String value = errors.text(auth.headerValue(), 4000, true, "input", "auth", "headerValue");
		if (name != null && !name.matches("[A-Za-z0-9-]+")) {
			errors.add(InputErrors.INVALID_INPUT, "Not a valid header name", "input", "auth", "headerName");
		}
		return new Auth(kind, name, value, null, null, null, null);
	}

	private static final RowMapper<Integrator> INTEGRATOR = (ResultSet rs, int row) -> new Integrator(
			rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("endpoint_url"),
			Arrays.asList(rs.getString("events").split(",")), rs.getBoolean("active"), rs.getString("auth_kind"),
			rs.getString("auth_header_name"), rs.getString("auth_token_url"), rs.getString("auth_client_id"),
			rs.getString("auth_scope"), (Double) rs.getObject("failure_rate"), instant(rs, "created_at"),
			instant(rs, "updated_at"));

	private static final RowMapper<IntegratorDelivery> DELIVERY = (ResultSet rs, int row) -> new IntegratorDelivery(
			rs.getObject("id", UUID.class), rs.getObject("integrator_id", UUID.class), rs.getObject("order_id", UUID.class),
			rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("status"),
			rs.getInt("attempts"), (Integer) rs.getObject("last_response_code"), rs.getString("last_response_excerpt"),
			rs.getString("last_error"), instant(rs, "next_attempt_at"), instant(rs, "created_at"),
			instant(rs, "updated_at"));

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

}
