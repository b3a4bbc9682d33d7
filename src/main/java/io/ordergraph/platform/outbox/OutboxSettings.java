package io.ordergraph.platform.outbox;

import java.time.Duration;

/**
 * How an {@link OutboxWorker} paces itself.
 * @param pollInterval how often to look for due rows when not woken by a local commit
 * @param concurrency deliveries in flight at once on one instance (also the claim batch size)
 * @param ratePerSecond deliveries started per second at most, on one instance
 * @param maxAttempts attempts before a row is FAILED with its last error
 * @param backoffBase delay before the second attempt; doubled each attempt, with jitter
 * @param backoffMax longest delay between attempts
 * @param pauseBase how long the whole worker pauses after the receiver looked down; doubled while it stays down
 * @param pauseMax longest pause
 * @param lease how long a claim may last (longer than a delivery's timeouts); older claims are stale
 */
public record OutboxSettings(Duration pollInterval, int concurrency, double ratePerSecond, int maxAttempts,
		Duration backoffBase, Duration backoffMax, Duration pauseBase, Duration pauseMax, Duration lease) {

	public OutboxSettings {
		if (concurrency < 1 || ratePerSecond <= 0 || maxAttempts < 1) {
			throw new IllegalArgumentException("Outbox concurrency, rate and max attempts must be positive");
		}
	}

}
