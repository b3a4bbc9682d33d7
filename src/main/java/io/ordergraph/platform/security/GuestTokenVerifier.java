package io.ordergraph.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies the guest tokens Ordergraph signs itself (implemented by the session module). {@link CallerResolver}
 * hands it every token whose {@code iss} is {@link #issuer()}; all other tokens go to the identity provider's decoder.
 */
public interface GuestTokenVerifier {

	/** The issuer of guest tokens; never the identity provider's. */
	String issuer();

	/** Checks signature, issuer, expiry and that the guest's session still takes guests. */
	Jwt decode(String token) throws JwtException;

	/** The guest behind a decoded token; UNAUTHORIZED once its session has closed. */
	Caller resolve(Jwt jwt);

	/** Whether a guest's session is still open, as far as this instance knows without a query (for subscriptions). */
	boolean stillLive(Caller guest);

}
