package io.ordergraph.platform.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records domain events in the event log as part of the current transaction. Rows are written just before commit,
 * under a transaction-scoped advisory lock, so that sequence order equals commit order (a reader that has seen
 * sequence N can never later find a smaller one committing). The NOTIFY is sent in the same transaction, so
 * PostgreSQL delivers it on commit and never for a rolled-back change.
 */
@Component
public class EventPublisher {

	static final String CHANNEL = "ordergraph_events";

	static final long LOCK_KEY = 0x6f72646572L; // "order"

	private final JdbcTemplate jdbc;

	private final EntityManager entityManager;

	private final JsonMapper json;

	// resolved on first use, not in the constructor: handlers may depend on services that publish events themselves
	private final ObjectProvider<DomainEventHandler> handlers;

	// the handlers in their order, once resolved (they are singletons; resolving and sorting them per event showed in
	// placeOrder's profile)
	private volatile List<DomainEventHandler> orderedHandlers;

	EventPublisher(JdbcTemplate jdbc, EntityManager entityManager, JsonMapper json,
			ObjectProvider<DomainEventHandler> handlers) {
		this.jdbc = jdbc;
		this.entityManager = entityManager;
		this.json = json;
		this.handlers = handlers;
	}

	/** Queues the event for the current transaction; it is written only if the transaction commits. */
	public void publish(DomainEvent event) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Domain events must be published inside a transaction");
		}
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.events.add(event);
		// in-transaction reactions (outbox rows): they commit or roll back with the change
		for (DomainEventHandler handler : orderedHandlers()) {
			handler.handle(event);
		}
	}

	private List<DomainEventHandler> orderedHandlers() {
		List<DomainEventHandler> resolved = this.orderedHandlers;
		if (resolved == null) {
			resolved = handlers.orderedStream().toList();
			this.orderedHandlers = resolved;
		}
		return resolved;
	}

	private static final int ROWS_PER_STATEMENT = 1_000;

	/**
	 * Takes the log's lock, writes the rows in the order given and sends the NOTIFY, in one statement. No row's seq
	 * can be drawn before the lock is held: a row exists only once the join has read the lock's one-row side; and
	 * the sequence is drawn after the sort, in the rows' order.
	 */
	private static String writeSql(int rows) {
		StringJoiner values = new StringJoiner(", ");
		for (int n = 0; n < rows; n++) {
			values.add("(" + n + ", ?::uuid, ?::varchar, ?::varchar, ?::uuid, ?::uuid, ?::jsonb, ?::timestamptz)");
		}
		return "with written as (insert into event_log (id, type, aggregate_type, aggregate_id, owner_id, payload,"
				+ " occurred_at) select e.id, e.type, e.aggregate_type, e.aggregate_id, e.owner_id, e.payload,"
				+ " e.occurred_at from (select pg_advisory_xact_lock(?)) as log_lock cross join (values " + values
				+ ") as e (n, id, type, aggregate_type, aggregate_id, owner_id, payload, occurred_at) order by e.n"
				+ " returning 1) select pg_notify(?, '')";
	}

	private final class Pending implements TransactionSynchronization {

		final List<DomainEvent> events = new ArrayList<>();

		@Override
		public void beforeCommit(boolean readOnly) {
			// Flush entity changes first: their row locks must not be taken while we hold the log lock.
			entityManager.flush();
			Timestamp now = Timestamp.from(Instant.now());
			// PostgreSQL takes at most 65,535 parameters per statement; the lock is taken again by each further
			// chunk (it is re-entrant) and one NOTIFY is delivered however often it is sent
			for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
				List<DomainEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
				List<Object> args = new ArrayList<>(2 + 7 * chunk.size());
				args.add(LOCK_KEY);
				for (DomainEvent event : chunk) {
					args.add(UUID.randomUUID());
					args.add(event.type());
					args.add(event.aggregateType());
					args.add(event.aggregateId());
					args.add(event.ownerId());
					args.add(json.writeValueAsString(event.data()));
					args.add(now);
				}
				args.add(CHANNEL);
				jdbc.queryForObject(writeSql(chunk.size()), Object.class, args.toArray());
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(EventPublisher.this);
		}

	}

}
