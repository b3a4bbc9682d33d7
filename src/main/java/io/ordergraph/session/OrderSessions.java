package io.ordergraph.session;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.ordering.OrderPayload;
import io.ordergraph.ordering.OrderPlacement;
import io.ordergraph.platform.events.EventPublisher;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.graphql.UserError;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.session.internal.GuestTokens;
import io.ordergraph.session.internal.JoinThrottle;
import io.ordergraph.session.internal.OrderSessionGuestRepository;
import io.ordergraph.session.internal.OrderSessionRepository;

/**
 * Table sessions (seed 000): staff with MANAGE_SESSIONS open and close them, guests join with the code behind the QR
 * code and get a guest token, guests and staff with MANAGE_ORDERS order into them. Joins, orders and the closing of
 * one session take its row lock, so none of them can slip past a close.
 */
@Service
public class OrderSessions {

	static final int MAX_LABEL = 100;

	static final int MAX_GUEST_NAME = 60;

	private final OrderSessionRepository sessions;

	private final OrderSessionGuestRepository guests;

	private final OrderPlacement placement;

	private final EventPublisher publisher;

	private final GuestTokens tokens;

	private final JoinThrottle throttle;

	private final SessionProperties properties;

	private final Environment environment;

	private final TransactionTemplate transactions;

	private final SecureRandom random = new SecureRandom();

	OrderSessions(OrderSessionRepository sessions, OrderSessionGuestRepository guests, OrderPlacement placement,
			EventPublisher publisher, GuestTokens tokens, JoinThrottle throttle, SessionProperties properties,
			Environment environment, TransactionTemplate transactions) {
		this.sessions = sessions;
		this.guests = guests;
		this.placement = placement;
		this.publisher = publisher;
		this.tokens = tokens;
		this.throttle = throttle;
		this.properties = properties;
		this.environment = environment;
		this.transactions = transactions;
	}

	public OrderSessionPayload open(String requestedLabel, Caller caller) {
		caller.requirePermission(Permission.MANAGE_SESSIONS);
		InputErrors errors = new InputErrors();
		String label = errors.text(requestedLabel, MAX_LABEL, true, "input", "label");
		if (errors.any()) {
			return OrderSessionPayload.failed(errors.list());
		}
		try {
			return transactions.execute(tx -> {
				Specification<OrderSession> sameLabel = (root, query, cb) -> cb.and(
						cb.equal(cb.lower(root.get("label")), label.toLowerCase(Locale.ROOT)),
						cb.notEqual(root.get("state"), OrderSessionState.CLOSED));
				if (sessions.count(sameLabel) > 0) {
					return labelInUse(label);
				}
				OrderSession session = sessions.saveAndFlush(new OrderSession(label, newJoinCode(), caller.subject()));
				SessionEvents.publish(publisher, SessionEvents.OPENED, session, null);
				return OrderSessionPayload.ok(session);
			});
		}
		catch (DataIntegrityViolationException ex) {
			return labelInUse(label); // a concurrent open with the same label won
		}
	}

	private static OrderSessionPayload labelInUse(String label) {
		return OrderSessionPayload.failed("SESSION_LABEL_IN_USE",
				"label '" + label + "' belongs to a session that is not closed yet", "input", "label");
	}

	/** 32 random bytes (256 bits), base64url without padding: 43 URL-safe characters. */
	private String newJoinCode() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The outcome of a join and how long to hold back the answer (wrong codes are answered slowly). */
	public record JoinResult(JoinOrderSessionPayload payload, Duration delay) {
	}

	public JoinResult join(String requestedCode, String requestedName, String client) {
		Optional<Duration> refused = throttle.refusedFor(client);
		if (refused.isPresent()) {
			long seconds = Math.max(1, refused.get().toSeconds());
			return new JoinResult(JoinOrderSessionPayload.failed("JOIN_ATTEMPTS_EXCEEDED",
					"too many wrong codes from this client; try again in " + seconds + " s", "input", "code"),
					Duration.ZERO);
		}
		InputErrors errors = new InputErrors();
		String name = errors.text(requestedName, MAX_GUEST_NAME, true, "input", "name");
		String code = errors.text(requestedCode, 200, true, "input", "code");
		if (errors.any()) {
			return new JoinResult(new JoinOrderSessionPayload(null, null, null, null, errors.list()), Duration.ZERO);
		}
		JoinOrderSessionPayload payload = transactions.execute(tx -> {
			Optional<OrderSession> found = sessions.findByJoinCodeForUpdate(code);
			if (found.isEmpty()) {
				return null;
			}
			OrderSession session = found.get();
			if (session.isClosed()) {
				return JoinOrderSessionPayload.failed("SESSION_CLOSED", "the session of this code is closed", "input",
						"code");
			}
			OrderSessionGuest guest = guests.save(new OrderSessionGuest(session.getId(), name));
			SessionEvents.publish(publisher, SessionEvents.GUEST_JOINED, session, name);
			if (session.verify()) {
				SessionEvents.publish(publisher, SessionEvents.VERIFIED, session, name);
			}
			GuestTokens.Issued token = tokens.issue(guest.subject(), name, session.getId());
			return new JoinOrderSessionPayload(token.token(), token.expiresAt(), guest, session, List.of());
		});
		if (payload == null) {
			Duration delay = throttle.failed(client);
			return new JoinResult(JoinOrderSessionPayload.failed("INVALID_JOIN_CODE", "code does not open any session",
					"input", "code"), delay);
		}
		return new JoinResult(payload, Duration.ZERO);
	}

	public OrderSessionPayload close(UUID id, Caller caller) {
		caller.requirePermission(Permission.MANAGE_SESSIONS);
		return transactions.execute(tx -> {
			OrderSession session = sessions.findForUpdate(id)
				.orElseThrow(() -> new NotFoundException("Order session not found"));
			if (session.isClosed()) {
				return OrderSessionPayload.failed("SESSION_CLOSED", "the session is already closed", "input", "id");
			}
			session.close(caller.subject());
			SessionEvents.publish(publisher, SessionEvents.CLOSED, session, null);
			return OrderSessionPayload.ok(session);
		});
	}

	/**
	 * Places an order into a session: a guest into their own (the session may be omitted), staff with MANAGE_ORDERS
	 * into any that is not closed.
	 */
	public OrderPayload placeOrder(UUID requestedSession, List<OrderPlacement.LineRequest> lines, String idempotencyKey,
			String note, Caller caller) {
		caller.requireSubject();
		UUID sessionId;
		if (caller.isGuest()) {
			if (requestedSession != null && !requestedSession.equals(caller.sessionId())) {
				throw new NotFoundException("Order session not found");
			}
			sessionId = caller.sessionId();
		}
		else if (caller.hasPermission(Permission.MANAGE_ORDERS)) {
			if (requestedSession == null) {
				return new OrderPayload(null, List.of(UserError.of(InputErrors.INVALID_INPUT,
						"sessionId is required when staff order into a session", "input", "sessionId")));
			}
			sessionId = requestedSession;
		}
		else {
			throw new ForbiddenException("Ordering into a session needs a guest token or the permission MANAGE_ORDERS");
		}
		return transactions.execute(tx -> {
			OrderSession session = sessions.findForUpdate(sessionId)
				.orElseThrow(() -> new NotFoundException("Order session not found"));
			if (session.isClosed()) {
				tx.setRollbackOnly();
				return new OrderPayload(null, List.of(UserError.of("SESSION_CLOSED",
						"the session is closed and takes no more orders", "input", "sessionId")));
			}
			OrderPayload payload = placement.placeInSession(sessionId, lines, idempotencyKey, note, caller);
			if (!payload.errors().isEmpty()) {
				tx.setRollbackOnly();
			}
			return payload;
		});
	}

	/** The session, if the caller may see it: staff with MANAGE_SESSIONS or MANAGE_ORDERS, or one of its guests. */
	public Optional<OrderSession> find(UUID id, Caller caller) {
		if (!mayRead(id, caller)) {
			return Optional.empty();
		}
		return sessions.findById(id);
	}

	static boolean mayRead(UUID sessionId, Caller caller) {
		return isStaff(caller) || (caller.isGuest() && caller.sessionId().equals(sessionId));
	}

	static boolean isStaff(Caller caller) {
		return caller.hasPermission(Permission.MANAGE_SESSIONS) || caller.hasPermission(Permission.MANAGE_ORDERS);
	}

	/** Sessions newest first, optionally in one state. Needs MANAGE_SESSIONS. */
	public Connection<OrderSession> list(OrderSessionState state, Paging paging, Caller caller) {
		caller.requirePermission(Permission.MANAGE_SESSIONS);
		Specification<OrderSession> spec = (root, query, cb) -> state == null ? cb.conjunction()
				: cb.equal(root.get("state"), state);
		return paging.query(sessions, spec, Sort.by(Sort.Direction.DESC, "openedAt", "id"));
	}

	/** The guests of several sessions in one query, in the order they joined. */
	public Map<UUID, List<OrderSessionGuest>> guests(Collection<UUID> sessionIds) {
		Map<UUID, List<OrderSessionGuest>> byId = guests.findBySessionIdInOrderByJoinedAtAscIdAsc(sessionIds)
			.stream()
			.collect(Collectors.groupingBy(OrderSessionGuest::getSessionId, LinkedHashMap::new, Collectors.toList()));
		Map<UUID, List<OrderSessionGuest>> result = new LinkedHashMap<>();
		sessionIds.forEach(id -> result.put(id, byId.getOrDefault(id, List.of())));
		return result;
	}

	/** Several sessions by id in one query, whoever asks (callers check visibility). */
	public Map<UUID, OrderSession> byIds(Collection<UUID> ids) {
		return sessions.findAllById(ids).stream().collect(Collectors.toMap(OrderSession::getId, s -> s));
	}

	/** The URL the session's QR code encodes: {@code {public base URL}/join/{code}}. */
	public String joinUrl(OrderSession session) {
		String base = properties.publicBaseUrl();
		if (base == null) {
			base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		}
		return base + "/join/" + session.getJoinCode();
	}

}
