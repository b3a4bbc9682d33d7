package io.ordergraph.ordering;

import java.util.EnumSet;
import java.util.Set;

/**
 * The order lifecycle: PLACED → ACCEPTED → PREPARING → READY → FULFILLED, PLACED → REJECTED, and CANCELLED (by the
 * customer while PLACED, by staff until fulfilled).
 */
public enum OrderStatus {

	PLACED, ACCEPTED, PREPARING, READY, FULFILLED, REJECTED, CANCELLED;

	/** Statuses that still need work: counted as pending fulfilment. */
	public static final Set<OrderStatus> OPEN = EnumSet.of(PLACED, ACCEPTED, PREPARING, READY);

	public boolean isOpen() {
		return OPEN.contains(this);
	}

	/** Whether staff may move an order from this status to {@code target}. */
	public boolean canBecome(OrderStatus target) {
		return switch (target) {
			case ACCEPTED, REJECTED -> this == PLACED;
			case PREPARING -> this == ACCEPTED;
			case READY -> this == PREPARING;
			case FULFILLED -> this == READY;
			case CANCELLED -> isOpen();
			case PLACED -> false;
		};
	}

	/** Reject and cancel give the stock back. */
	public boolean returnsStock() {
		return this == REJECTED || this == CANCELLED;
	}

}
