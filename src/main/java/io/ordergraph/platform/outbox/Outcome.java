package io.ordergraph.platform.outbox;

import java.util.Map;

/** How one delivery attempt went. */
public sealed interface Outcome {

	/** The receiver took it; the row gets {@code status} (e.g. SENT). {@code details} are for the queue. */
	record Delivered(String status, Map<String, Object> details) implements Outcome {
	}

	/** Final refusal: not retried; the row gets {@code status} (e.g. REJECTED or FAILED) and the error. */
	record Refused(String status, String error, Map<String, Object> details) implements Outcome {
	}

	/**
	 * A failure worth retrying (5xx, timeout, refused connection). {@code receiverDown} pauses the whole worker, not
	 * only this row.
	 */
	record Retry(String error, boolean receiverDown) implements Outcome {
	}

	static Outcome delivered(String status) {
		return new Delivered(status, Map.of());
	}

}
