package io.ordergraph.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.UnauthorizedException;

/**
 * Keeps a subscription authorized for as long as it lives, not only when it starts: before each event the caller's
 * rights are looked at afresh (a deactivated employee, a revoked permission, a deleted account stop receiving at
 * once), and the stream ends when the token it was opened with expires.
 */
@Component
public class SubscriptionGuard {

	private final CallerResolver callers;

	SubscriptionGuard(CallerResolver callers) {
		this.callers = callers;
	}

	/**
	 * @param stillAllowed asked with the caller as Ordergraph sees it now, before each event; false ends the stream
	 * with FORBIDDEN
	 */
	public <T> Flux<T> guard(Flux<T> events, Caller caller, Predicate<Caller> stillAllowed) {
		Flux<T> guarded = events.concatMap(event -> stillAllowed.test(callers.refresh(caller)) ? Mono.just(event)
				: Mono.error(new ForbiddenException("Access to this subscription was withdrawn")));
		if (caller.expiresAt() == null) {
			return guarded;
		}
		Duration left = Duration.between(Instant.now(), caller.expiresAt());
		// takeUntilOther, not mergeWith: the stream still completes when its events do (e.g. at shutdown), and the
		// expiry, an error, ends it early
		return guarded.takeUntilOther(Mono.delay(left.isNegative() ? Duration.ZERO : left)
			.then(Mono.error(new UnauthorizedException("The token has expired; subscribe again with a fresh one"))));
	}

}
