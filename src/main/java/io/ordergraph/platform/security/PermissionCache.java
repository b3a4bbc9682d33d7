package io.ordergraph.platform.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.ordergraph.platform.events.EventStream;

/**
 * The permissions of employees as last read, so that neither every request nor every event of every subscription
 * reads the employee tables again. An entry is dropped when the employee changes: at once on the instance that made
 * the change (after its commit), and on every instance when the change's {@link #EMPLOYEE_CHANGED} event arrives
 * through the event log. Entries also expire after {@code ordergraph.security.permission-cache-ttl}, the most a
 * missed event could leave a change unseen; one still in use is read again, in the background, after half of that or
 * a little more.
 */
@Component
public class PermissionCache {

	/** The event type the staff module logs when an employee's name, permissions or active state change. */
	public static final String EMPLOYEE_CHANGED = "EmployeeChanged";

	public static final String EMPLOYEE_AGGREGATE = "Employee";

	private static final int MAX_ENTRIES = 10_000;

	/** @param refreshAfter how old the entry may grow before it is read again in the background */
	private record Entry(Optional<Set<Permission>> permissions, long loadedAt, long refreshAfter) {
	}

	/** A read of one employee's permissions under way, begun at this generation. */
	private record Load(CompletableFuture<Optional<Set<Permission>>> result, long generation) {
	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	// one read at a time per employee: when an entry expires, the employee's subscriptions all ask at the next event
	private final Map<String, Load> loading = new ConcurrentHashMap<>();

	// bumped by every invalidation: a value read while one happened is not cached, it may be stale
	private final AtomicLong generation = new AtomicLong();

	private final EventStream events;

	// subjects whose employee changed, as the event log tells every instance; emitted on its one dispatching thread
	private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();

	private final long ttlNanos;

	PermissionCache(EventStream events,
			@Value("${ordergraph.security.permission-cache-ttl:30s}") Duration ttl) {
		this.events = events;
		this.ttlNanos = ttl.toNanos();
	}

	@PostConstruct
	void listen() {
		// on the dispatching thread, before any subscription sees a later event: the next check reads afresh
		events.observe(event -> {
			if (EMPLOYEE_AGGREGATE.equals(event.aggregateType()) && event.data().get("subject") instanceof String s) {
				invalidate(s);
				changes.tryEmitNext(s);
			}
		});
	}

	/**
	 * The permissions of the active employee with this subject (empty: none), read through {@code loader} if needed.
	 * Callers that need the same employee read while it is being read wait for that read, unless the employee
	 * changed since it began. An entry past half its time to live (or a little more) is still answered from, and read
	 * again in the background: an employee whose panel is open is not read on the way of an event.
	 */
	Optional<Set<Permission>> get(String subject, Function<String, Optional<Set<Permission>>> loader) {
		long now = System.nanoTime();
		Entry entry = entries.get(subject);
		if (entry != null && now - entry.loadedAt() < ttlNanos) {
			if (now - entry.loadedAt() >= entry.refreshAfter() && !loading.containsKey(subject)) {
				Load refresh = new Load(new CompletableFuture<>(), generation.get());
				if (loading.putIfAbsent(subject, refresh) == null) {
					Thread.ofVirtual().name("permission-refresh").start(() -> {
						try {
							read(subject, loader, refresh);
						}
						catch (RuntimeException ex) {
							// the entry expires as it would have; the next caller reads, and learns of the failure
						}
					});
				}
			}
			return entry.permissions();
		}
		long before = generation.get();
		Load mine = new Load(new CompletableFuture<>(), before);
		Load running = loading.putIfAbsent(subject, mine);
		if (running != null && running.generation() == before) {
			return awaitLoad(running);
		}
		return read(subject, loader, mine);
	}

	/** Reads the employee for {@code load}, keeps the answer unless the employee changed meanwhile, and hands it on. */
	private Optional<Set<Permission>> read(String subject, Function<String, Optional<Set<Permission>>> loader,
			Load load) {
		long startedAt = System.nanoTime();
		try {
			Optional<Set<Permission>> permissions = loader.apply(subject).map(Set::copyOf);
			if (ttlNanos > 0 && generation.get() == load.generation()) {
				if (entries.size() >= MAX_ENTRIES) {
					entries.clear();
				}
				// between half and nine tenths of the time to live: the entries that one event filled (every panel's)
				// are not all read again at one later event
				long refreshAfter = ttlNanos / 2 + (long) (ThreadLocalRandom.current().nextDouble() * ttlNanos * 0.4);
				entries.put(subject, new Entry(permissions, startedAt, refreshAfter));
			}
			load.result().complete(permissions);
			return permissions;
		}
		catch (RuntimeException | Error ex) {
			load.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			loading.remove(subject, load);
		}
	}

	private static Optional<Set<Permission>> awaitLoad(Load load) {
		try {
			return load.result().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * The subjects of employees that changed, as their events arrive (on every instance). A subscriber that reads
	 * permissions again in reaction reads them once for all: the first read fills the cache for the next.
	 */
	Flux<String> changes() {
		return changes.asFlux();
	}

	/** Forgets what is known of this employee, now. */
	public void invalidate(String subject) {
		generation.incrementAndGet();
		entries.remove(subject);
	}

	/**
	 * Forgets what is known of this employee once the current transaction commits (and now, so that no read during
	 * the transaction caches the old state for longer).
	 */
	public void invalidateAfterCommit(String subject) {
		invalidate(subject);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					invalidate(subject);
				}
			});
		}
	}

}
