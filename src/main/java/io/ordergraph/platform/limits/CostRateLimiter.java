package io.ordergraph.platform.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Leaky buckets of cost points, one per signed-in subject and one per anonymous client address, held in this
 * instance's memory (each instance limits on its own). A bucket holds a minute's allowance and refills continuously.
 */
final class CostRateLimiter {

	/** What a bucket said to a request. */
	record Decision(boolean allowed, long limit, long remaining, long retryAfterMillis, String key) {

		Map<String, Object> extensions() {
			return Map.of("limit", limit, "remaining", remaining, "refillPerMinute", limit, "retryAfterMs",
					retryAfterMillis);
		}

	}

	private final LimitsProperties.Rate rate;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	CostRateLimiter(LimitsProperties.Rate rate) {
		this.rate = rate;
	}

	boolean enabled() {
		return rate.enabled();
	}

	/** Takes {@code cost} points from the caller's bucket, or none when it holds fewer. */
	Decision take(String subject, String address, long cost) {
		String key = (subject != null) ? "subject:" + subject : "address:" + address;
		long limit = (subject != null) ? rate.perSubject() : rate.perAddress();
		Bucket bucket = bucket(key, limit);
		long asked = Math.min(Math.max(cost, 1), limit + 1);
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(asked);
		if (probe.isConsumed()) {
			return new Decision(true, limit, probe.getRemainingTokens(), 0, key);
		}
		long wait = (asked > limit) ? Duration.ofMinutes(1).toMillis()
				: Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toMillis());
		return new Decision(false, limit, probe.getRemainingTokens(), wait, key);
	}

	/** Gives back what a request was charged beyond what it actually cost. */
	long refund(Decision decision, long points) {
		Bucket bucket = buckets.get(decision.key());
		if (bucket == null || points <= 0) {
			return decision.remaining();
		}
		bucket.addTokens(points);
		return bucket.getAvailableTokens();
	}

	private Bucket bucket(String key, long limit) {
		if (buckets.size() >= rate.maxTracked()) {
			// forget callers whose buckets are full again: they lose nothing by starting afresh
			buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= limitOf(e.getKey()));
		}
		return buckets.computeIfAbsent(key, k -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build())
			.build());
	}

	private long limitOf(String key) {
		return key.startsWith("subject:") ? rate.perSubject() : rate.perAddress();
	}

}
