package io.ordergraph.session.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

import io.ordergraph.session.SessionProperties;

/**
 * Slows down, then refuses, clients that send wrong join codes: each client (network address) has a Bucket4j bucket
 * of {@code join-attempts} wrong codes refilling over {@code join-attempts-window}. The first
 * {@code join-free-attempts} wrong codes are answered at once, later ones ever more slowly, and an empty bucket refuses
 * every join from that client, right code or not, until it refills. Buckets are per instance.
 */
@Component
public class JoinThrottle {

	private static final int MAX_CLIENTS = 10_000;

	private final SessionProperties properties;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	JoinThrottle(SessionProperties properties) {
		this.properties = properties;
	}

	/** How long the client must wait before it may try again, or empty when it may try now. */
	public Optional<Duration> refusedFor(String client) {
		Bucket bucket = buckets.get(client);
		if (bucket == null || bucket.getAvailableTokens() > 0) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
	}

	/** Records a wrong code; answers how long to hold the answer back. */
	public Duration failed(String client) {
		if (buckets.size() >= MAX_CLIENTS) {
			// forget clients whose buckets have refilled: they are back where a new client starts
			buckets.values().removeIf(b -> b.getAvailableTokens() >= properties.joinAttempts());
		}
		Bucket bucket = buckets.computeIfAbsent(client, c -> Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(properties.joinAttempts())
				.refillGreedy(properties.joinAttempts(), properties.joinAttemptsWindow())
				.build())
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		long used = properties.joinAttempts() - probe.getRemainingTokens();
		long beyondFree = used - properties.joinFreeAttempts();
		return beyondFree <= 0 ? Duration.ZERO : properties.joinSlowdown().multipliedBy(Math.min(beyondFree, 10));
	}

	/** Forgets a client's wrong codes. */
	public void forget(String client) {
		buckets.remove(client);
	}

}
