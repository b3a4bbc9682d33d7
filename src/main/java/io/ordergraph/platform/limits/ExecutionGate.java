package io.ordergraph.platform.limits;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests executing at once on this instance: a request waits a short while for a slot, then is turned
 * away (503), so a flood of one kind of request cannot take every database connection and health stays fast.
 */
final class ExecutionGate {

	private final Semaphore slots;

	private final long waitNanos;

	private final int size;

	ExecutionGate(int size, java.time.Duration wait) {
		this.slots = new Semaphore(size, true);
		this.waitNanos = wait.toNanos();
		this.size = size;
	}

	boolean enter() {
		try {
			return slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void leave() {
		slots.release();
	}

	int executing() {
		return size - slots.availablePermits();
	}

	static String overloadedBody(long retryAfterMillis) {
		return "{\"errors\":[{\"message\":\"The server is busy; retry in " + retryAfterMillis + " ms\","
				+ "\"extensions\":{\"classification\":\"OVERLOADED\",\"retryAfterMs\":" + retryAfterMillis + "}}]}";
	}

}
