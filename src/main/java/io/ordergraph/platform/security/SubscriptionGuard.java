package io.ordergraph.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import graphql.GraphQLContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.UnauthorizedException;

/**
 * Keeps a subscription authorized for as long as it lives, not only when it starts: before each event the caller's
 * rights are looked at afresh (a deactivated employee, a revoked permission, a deleted account stop receiving at
 * once), and the stream ends when the token it was opened with expires. An employee's rights as they are now are also
 * what each event's fields are resolved with: the subscription's context holds the caller as of the last event, not
 * as of the subscription's start, so a permission revoked while subscribed hides what it showed from the next event
 * on.
 */
@Component
public class SubscriptionGuard {

	private final CallerResolver callers;

	private final PermissionCache permissions;

	SubscriptionGuard(CallerResolver callers, PermissionCache permissions) {
		this.callers = callers;
		this.permissions = permissions;
	}

	/**
	 * @param context the subscription's GraphQL context, whose {@linkplain Caller#CONTEXT_KEY caller} subscribed
	 * @param stillAllowed asked with the caller as Ordergraph sees it now, before each event; false ends the stream
	 * with FORBIDDEN
	 */
	public <T> Flux<T> guard(Flux<T> events, GraphQLContext context, Predicate<Caller> stillAllowed) {
		Caller caller = context.get(Caller.CONTEXT_KEY);
		// map, not handle or concatMap: Reactor restores the thread-locals of the context around a handle, and a
		// concatMap subscribes an inner publisher, for every event of every subscriber; a throw here ends the stream
		Flux<T> guarded = events.map(event -> {
			Caller now = callers.refresh(caller);
			if (!stillAllowed.test(now)) {
				throw withdrawn();
			}
			// a guest's session closing makes it nobody, but it is still shown the closing event it was sent
			if (!caller.isGuest() && !now.equals(context.get(Caller.CONTEXT_KEY))) {
				// a new object only when something changed: an answer made meanwhile can tell (SharedSubscriptionEvents)
				context.put(Caller.CONTEXT_KEY, now);
			}
			return event;
		});
		if (caller.authenticated() && !caller.isGuest() && caller.hasRole(Caller.ROLE_STAFF)) {
			// an employee deactivated or stripped of a permission loses the subscription when that change is logged,
			// not only at the next event; the permissions are read once for all of the employee's subscriptions
			guarded = guarded.takeUntilOther(permissions.changes()
				.filter(caller.subject()::equals)
				.filter(subject -> !stillAllowed.test(callers.refresh(caller)))
				.next()
				.then(Mono.error(withdrawn())));
		}
		if (caller.expiresAt() == null) {
			return guarded;
		}
		Duration left = Duration.between(Instant.now(), caller.expiresAt());
		// takeUntilOther, not mergeWith: the stream still completes when its events do (e.g. at shutdown), and the
		// expiry, an error, ends it early
		return guarded.takeUntilOther(Mono.delay(left.isNegative() ? Duration.ZERO : left)
			.then(Mono.error(new UnauthorizedException("The token has expired; subscribe again with a fresh one"))));
	}

	private static ForbiddenException withdrawn() {
		return new ForbiddenException("Access to this subscription was withdrawn");
	}

}
