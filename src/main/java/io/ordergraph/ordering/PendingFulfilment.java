package io.ordergraph.ordering;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ordergraph.platform.events.EventStream;

/**
 * The shop's pending-fulfilment count, live: counted once per order event for every subscriber of this instance (the
 * count is the same for every caller allowed to see it), not once per subscriber. Subscribed while anyone listens; a
 * new subscriber gets the latest count at once, a slow one only the latest it missed.
 */
@Component
class PendingFulfilment {

	private final Flux<Long> counts;

	PendingFulfilment(EventStream stream, OrderQueries queries) {
		this.counts = Flux.defer(() -> {
			// the log position first, then the count: an order placed in between is replayed, so never missed
			long position = stream.head();
			long now = queries.countPendingFulfilment();
			return Flux.concat(Mono.just(now), stream.subscribe(position, OrderEvents::isOrderEvent)
				.map(event -> queries.countPendingFulfilment()));
		}).distinctUntilChanged().replay(1).refCount();
	}

	/** The count now, then each change; the caller's permission is checked by the caller. */
	Flux<Long> counts() {
		return counts.onBackpressureLatest();
	}

}
