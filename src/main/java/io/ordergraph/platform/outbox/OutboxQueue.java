package io.ordergraph.platform.outbox;

import java.util.UUID;

/**
 * One kind of outbox row (SMS, integrator deliveries) as the {@link OutboxWorker} sees it. The table holds at least
 * {@code id uuid, status, attempts int, next_attempt_at timestamptz, claimed_at timestamptz, claimed_by,
 * last_error, updated_at}; rows with status {@link OutboxWorker#PENDING} whose {@code next_attempt_at} has come
 * are claimed (status {@link OutboxWorker#SENDING}) in a transaction of their own before {@link #deliver} runs.
 */
public interface OutboxQueue {

	/** Name for logs and thread names, e.g. {@code sms}. */
	String name();

	/** The table, e.g. {@code sms_message}; never user input. */
	String table();

	/**
	 * A column whose rows must go out one after the other (e.g. {@code order_id} for per-order ordering), with
	 * {@code seq} giving the order; null when rows are independent. A row is claimable only when no earlier row with
	 * the same key is still pending or sending.
	 */
	default String orderingColumn() {
		return null;
	}

	/**
	 * What a row found still claimed after the lease (its instance crashed or was killed mid-delivery) becomes:
	 * {@link StaleClaim#UNCERTAIN} when the receiver cannot recognise a repeat (a person decides), {@link
	 * StaleClaim#RETRY} when it can (an idempotency key or event id travels with the request).
	 */
	StaleClaim onStaleClaim();

	/** Delivers one claimed row; called outside any transaction. Must not throw for expected failures. */
	Outcome deliver(UUID id, int attempt);

	/**
	 * Records module-specific results (provider ids, costs, events) inside the transaction that stores the outcome;
	 * {@code status} is what the row became.
	 */
	void recorded(UUID id, String status, Outcome outcome);

	/** Called inside the transaction that marks stale claims as uncertain, once per such row. */
	default void markedUncertain(UUID id) {
	}

	enum StaleClaim {
		UNCERTAIN, RETRY
	}

}
