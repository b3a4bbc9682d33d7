package io.ordergraph.platform.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

	private static final long LOCK_KEY = 0x6f72646572L; // "order"

	private final JdbcTemplate jdbc;

	private final EntityManager entityManager;

	private final JsonMapper json;

	// resolved on use: handlers may depend on services that publish events themselves
	private final ObjectProvider<DomainEventHandler> handlers;

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
		handlers.orderedStream().forEach(handler -> handler.handle(event));
	}

	private final class Pending implements TransactionSynchronization {

		final List<DomainEvent> events = new ArrayList<>();

		@Override
		public void beforeCommit(boolean readOnly) {
			// Flush entity changes first: their row locks must not be taken while we hold the log lock.
			entityManager.flush();
			jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK_KEY);
			Timestamp now = Timestamp.from(Instant.now());
			for (DomainEvent event : events) {
				jdbc.update("insert into event_log (id, type, aggregate_type, aggregate_id, owner_id, payload, occurred_at)"
						+ " values (?, ?, ?, ?, ?, ?::jsonb, ?)", UUID.randomUUID(), event.type(), event.aggregateType(),
						event.aggregateId(), event.ownerId(), json.writeValueAsString(event.data()), now);
			}
			jdbc.queryForObject("select pg_notify(?, '')", Object.class, CHANNEL);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(EventPublisher.this);
		}

	}

}
