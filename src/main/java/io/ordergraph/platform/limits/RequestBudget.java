package io.ordergraph.platform.limits;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The time one request may still use: past its deadline, or once its client has gone, no data fetcher starts.
 */
public final class RequestBudget {

	/** Request attribute (HTTP) and GraphQL context key under which the budget travels. */
	public static final String KEY = RequestBudget.class.getName();

	private final long deadline;

	private final Sinks.Empty<Void> cancelled = Sinks.empty();

	private volatile boolean cancel;

	RequestBudget(Duration timeout) {
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	boolean exhausted() {
		return cancel || System.nanoTime() - deadline > 0;
	}

	/** Stops the remaining work: the client went away, or the answer was already given. */
	void cancel() {
		cancel = true;
		cancelled.tryEmitEmpty();
	}

	Mono<Void> whenCancelled() {
		return cancelled.asMono();
	}

}
