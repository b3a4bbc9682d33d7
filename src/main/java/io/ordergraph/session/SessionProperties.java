package io.ordergraph.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl where guests reach Ordergraph's guest page; join URLs are {@code {publicBaseUrl}/join/{code}}.
 * Blank: the server's own address (embedded mode)
 * @param guestTokenLifetime how long a guest token is valid (a closed session ends it sooner)
 * @param signingKeyRotation how long one guest token signing key signs before a new one is made
 * @param joinAttempts wrong join codes one client may send per {@code joinAttemptsWindow} before it is refused
 * @param joinAttemptsWindow the window over which {@code joinAttempts} refill
 * @param joinFreeAttempts wrong codes answered at once; later ones are answered ever more slowly
 * @param joinSlowdown how much slower each further wrong code is answered (at most ten times this)
 */
@ConfigurationProperties("ordergraph.sessions")
public record SessionProperties(String publicBaseUrl, Duration guestTokenLifetime, Duration signingKeyRotation,
		Integer joinAttempts, Duration joinAttemptsWindow, Integer joinFreeAttempts, Duration joinSlowdown) {

	public SessionProperties {
		publicBaseUrl = (publicBaseUrl == null || publicBaseUrl.isBlank()) ? null
				: publicBaseUrl.strip().replaceAll("/+$", "");
		guestTokenLifetime = (guestTokenLifetime == null) ? Duration.ofHours(12) : guestTokenLifetime;
		signingKeyRotation = (signingKeyRotation == null) ? Duration.ofDays(7) : signingKeyRotation;
		joinAttempts = (joinAttempts == null) ? 10 : joinAttempts;
		joinAttemptsWindow = (joinAttemptsWindow == null) ? Duration.ofMinutes(10) : joinAttemptsWindow;
		joinFreeAttempts = (joinFreeAttempts == null) ? 3 : joinFreeAttempts;
		joinSlowdown = (joinSlowdown == null) ? Duration.ofMillis(100) : joinSlowdown;
	}

}
