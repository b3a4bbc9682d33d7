package io.ordergraph.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Identity-provider tokens whose signature and claims were verified, kept until they expire: checking an RS256
 * signature costs more CPU than the rest of a small request (docs/benchmarks.md), and a client sends the same token
 * with every request until it refreshes it. The token's full text is the key, so only the very same bytes are
 * answered from here. A token is not answered once its {@code exp} has passed, without the clock skew the decoder
 * allows; tokens without {@code exp} are not kept. At most {@link #MAX_ENTRIES} are held.
 */
final class VerifiedTokens {

	static final int MAX_ENTRIES = 10_000;

	private final Map<String, Jwt> tokens = new ConcurrentHashMap<>();

	private final Clock clock;

	VerifiedTokens(Clock clock) {
		this.clock = clock;
	}

	/** The verified token with this text, while it has not expired; null otherwise. */
	Jwt get(String token) {
		Jwt jwt = tokens.get(token);
		if (jwt == null) {
			return null;
		}
		if (expired(jwt, clock.instant())) {
			tokens.remove(token, jwt);
			return null;
		}
		return jwt;
	}

	/** Keeps a token the decoder has just verified. */
	void put(String token, Jwt jwt) {
		Instant now = clock.instant();
		if (jwt.getExpiresAt() == null || expired(jwt, now)) {
			return;
		}
		if (tokens.size() >= MAX_ENTRIES) {
			tokens.values().removeIf(held -> expired(held, now));
			if (tokens.size() >= MAX_ENTRIES) {
				tokens.clear();
			}
		}
		tokens.put(token, jwt);
	}

	int size() {
		return tokens.size();
	}

	private static boolean expired(Jwt jwt, Instant now) {
		return !now.isBefore(jwt.getExpiresAt());
	}

}
