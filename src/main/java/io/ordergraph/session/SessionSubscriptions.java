package io.ordergraph.session;

import java.util.UUID;

import graphql.GraphQLContext;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;

import io.ordergraph.platform.events.EventStream;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.platform.security.SubscriptionGuard;
import io.ordergraph.session.internal.OrderSessionRepository;

/**
 * The live channels of seed 000 on the event log: one session's events for its staff and guests, and the board of all
 * sessions for staff. Guests cost no query per event: their right to listen ends with the SESSION_CLOSED event itself,
 * which they receive last before the stream completes.
 */
@Service
public class SessionSubscriptions {

	private final EventStream stream;

	private final SessionEventViews views;

	private final SubscriptionGuard guard;

	private final OrderSessionRepository sessions;

	SessionSubscriptions(EventStream stream, SessionEventViews views, SubscriptionGuard guard,
			OrderSessionRepository sessions) {
		this.stream = stream;
		this.views = views;
		this.guard = guard;
		this.sessions = sessions;
	}

	/** @param context the subscription's GraphQL context, with the caller who subscribes */
	public Flux<SessionEventView> session(UUID sessionId, Long after, GraphQLContext context) {
		Caller caller = context.get(Caller.CONTEXT_KEY);
		caller.requireSubject();
		if (!OrderSessions.mayRead(sessionId, caller) || !sessions.existsById(sessionId)) {
			throw new NotFoundException("Order session not found");
		}
		Flux<SessionEventView> events = stream
			.subscribe(after, e -> SessionEventViews.concernsSessions(e) && SessionEventViews.sessionOf(e).equals(sessionId))
			.map(views::view);
		if (caller.isGuest()) {
			// after the guard, whose expiry timer would otherwise keep the stream open
			return guard.guard(events, context, now -> true).takeUntil(SessionEventView::closes);
		}
		return guard.guard(events, context, OrderSessions::isStaff);
	}

	/** @param context the subscription's GraphQL context, with the caller who subscribes */
	public Flux<SessionEventView> board(Long after, GraphQLContext context) {
		Caller caller = context.get(Caller.CONTEXT_KEY);
		caller.requirePermission(Permission.MANAGE_SESSIONS);
		Flux<SessionEventView> events = stream.subscribe(after, SessionEventViews::concernsSessions).map(views::view);
		return guard.guard(events, context, now -> now.hasPermission(Permission.MANAGE_SESSIONS));
	}

}
