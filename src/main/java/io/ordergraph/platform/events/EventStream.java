package io.ordergraph.platform.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ordergraph.platform.graphql.BadRequestException;

/**
 * Live domain events for this instance's subscribers. A listener thread holds one connection that LISTENs on the
 * event channel; whenever woken (or every poll interval, as a safety net) it reads the log past what it has
 * dispatched and hands each event to every subscriber whose filter accepts it. Every instance reads the same log, so
 * a change made through any instance reaches subscribers on all of them.
 *
 * <p>Each subscriber has its own bounded buffer: a slow one cannot hold back the others, and one that falls a whole
 * buffer behind gets {@link SubscriberTooSlowException} (and may resume from its last cursor) instead of silently
 * losing events.
 */
@Component
public class EventStream implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventStream.class);

	private static final int BATCH = 500;

	private final DataSource dataSource;

	private final EventLog eventLog;

	private final int bufferSize;

	private final int maxReplay;

	private final Duration pollInterval;

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	/** Set once subscriptions are being completed for shutdown. */
	private volatile boolean closing;

	private volatile long dispatched;

	private final List<Consumer<StoredEvent>> observers = new CopyOnWriteArrayList<>();

	private Thread listener;

	EventStream(DataSource dataSource, EventLog eventLog,
			@Value("${ordergraph.events.subscriber-buffer:1000}") int bufferSize,
			@Value("${ordergraph.events.max-replay:10000}") int maxReplay,
			@Value("${ordergraph.events.poll-interval:2s}") Duration pollInterval) {
		this.dataSource = dataSource;
		this.eventLog = eventLog;
		this.bufferSize = bufferSize;
		this.maxReplay = maxReplay;
		this.pollInterval = pollInterval;
	}

	/**
	 * Events accepted by the filter: first those after {@code after} (a sequence, or null for none), then live ones,
	 * with no gap and no duplicate.
	 */
	public Flux<StoredEvent> subscribe(Long after, Predicate<StoredEvent> filter) {
		return Flux.defer(() -> {
			Subscriber subscriber = new Subscriber(filter,
					Sinks.many().unicast().onBackpressureBuffer(Queues.<StoredEvent>get(bufferSize).get()));
			// Register before reading the log: whatever commits from now on reaches the buffer, and the replay
			// covers everything before; the sequence filter drops what both saw.
			if (after != null && after > eventLog.head()) {
				throw new BadRequestException("The cursor is ahead of the event log (from another environment?); "
						+ "subscribe without a cursor");
			}
			subscribers.add(subscriber);
			if (closing) {
				// shutting down: a subscription that arrives now ends at once, as the open ones did
				subscribers.remove(subscriber);
				return Flux.<StoredEvent>empty();
			}
			// The overflow error is merged in so that it arrives at once, not after the buffered events.
			Flux<StoredEvent> live = subscriber.sink.asFlux()
				.mergeWith(subscriber.overflow.asMono().thenMany(Flux.<StoredEvent>empty()));
			if (after != null) {
				List<StoredEvent> replay;
				try {
					replay = replay(after, filter);
				}
				catch (RuntimeException ex) {
					subscribers.remove(subscriber);
					throw ex;
				}
				long last = replay.isEmpty() ? after : replay.get(replay.size() - 1).sequence();
				live = Flux.fromIterable(replay).concatWith(live.filter(e -> e.sequence() > last));
			}
			// Subscribers' work (resolving fields, counting) runs off the listener thread, which must keep dispatching.
			return live.publishOn(Schedulers.boundedElastic(), false, 64)
				.doFinally(signal -> subscribers.remove(subscriber));
		});
	}

	private List<StoredEvent> replay(long after, Predicate<StoredEvent> filter) {
		List<StoredEvent> result = new java.util.ArrayList<>();
		long position = after;
		int scanned = 0;
		while (true) {
			List<StoredEvent> batch = eventLog.readAfter(position, BATCH);
			for (StoredEvent event : batch) {
				if (filter.test(event)) {
					result.add(event);
				}
				position = event.sequence();
			}
			scanned += batch.size();
			if (batch.size() < BATCH) {
				return result;
			}
			if (scanned >= maxReplay) {
				throw new BadRequestException("The cursor is more than " + maxReplay
						+ " events old; reload the current state and subscribe without a cursor");
			}
		}
	}

	/**
	 * Sees every live event on the dispatching thread before any subscription does, so that state it keeps (e.g.
	 * which sessions have closed) is up to date when a subscriber checks it for a later event. Must be quick and
	 * must not throw.
	 */
	public void observe(Consumer<StoredEvent> observer) {
		observers.add(observer);
	}

	/** The sequence of the newest event in the log. */
	public long head() {
		return eventLog.head();
	}

	/** How many subscriptions this instance is serving now. */
	public int subscriberCount() {
		return subscribers.size();
	}

	/** Reads and dispatches whatever the log holds past what this instance has dispatched. */
	synchronized void catchUp() {
		while (true) {
			List<StoredEvent> batch = eventLog.readAfter(dispatched, BATCH);
			for (StoredEvent event : batch) {
				for (Consumer<StoredEvent> observer : observers) {
					observer.accept(event);
				}
				for (Subscriber subscriber : subscribers) {
					subscriber.offer(event);
				}
				dispatched = event.sequence();
			}
			if (batch.size() < BATCH) {
				return;
			}
		}
	}

	private void listen() {
		while (running) {
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				statement.execute("LISTEN " + EventPublisher.CHANNEL);
				PGConnection pg = connection.unwrap(PGConnection.class);
				catchUp();
				while (running) {
					pg.getNotifications((int) pollInterval.toMillis());
					catchUp();
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (running) {
					log.warn("Event listener lost its connection; retrying in 1 s: {}", ex.getMessage());
					sleep(Duration.ofSeconds(1));
				}
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		closing = false;
		dispatched = eventLog.head();
		running = true;
		listener = Thread.ofPlatform().daemon().name("event-listener").start(this::listen);
	}

	@Override
	public void stop() {
		running = false;
		if (listener != null) {
			listener.interrupt();
			try {
				// wait for it to let go of its connection, so it never sees the database go away
				listener.join(pollInterval.plusSeconds(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		completeSubscribers();
	}

	/** Ends every open subscription normally: each client is told it is complete (used at shutdown). */
	public void completeSubscribers() {
		closing = true;
		subscribers.forEach(s -> {
			s.sink.tryEmitComplete();
			s.overflow.tryEmitEmpty();
		});
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Start before the web server takes requests and stop after it (the phase wraps around to a low one); the web
	 * side ends open subscriptions earlier with {@link #completeSubscribers()}. The database goes after every phase.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE + 1024;
	}

	private final class Subscriber {

		final Predicate<StoredEvent> filter;

		final Sinks.Many<StoredEvent> sink;

		final Sinks.Empty<Void> overflow = Sinks.empty();

		Subscriber(Predicate<StoredEvent> filter, Sinks.Many<StoredEvent> sink) {
			this.filter = filter;
			this.sink = sink;
		}

		void offer(StoredEvent event) {
			boolean accepted;
			try {
				accepted = filter.test(event);
			}
			catch (RuntimeException ex) {
				log.warn("Subscription filter failed on event {}", event.sequence(), ex);
				accepted = false;
			}
			if (accepted && sink.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
				subscribers.remove(this);
				overflow.tryEmitError(new SubscriberTooSlowException(bufferSize, event.sequence()));
			}
		}

	}

}
