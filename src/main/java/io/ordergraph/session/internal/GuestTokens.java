package io.ordergraph.session.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.platform.graphql.UnauthorizedException;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.GuestTokenVerifier;
import io.ordergraph.session.ClosedSessions;
import io.ordergraph.session.OrderSessionState;
import io.ordergraph.session.SessionProperties;

/**
 * Signs and verifies guest tokens: HS256 JWTs with our own issuer, a subject per guest, the session id in
 * {@value #SESSION_CLAIM}, and an expiry. The HMAC keys live in the {@code guest_token_key} table, so every replica
 * signs and verifies with the same keys; the newest key signs until it is {@code signing-key-rotation} old, then a
 * new one is made, and old keys still verify until the tokens they signed have expired.
 */
@Component
public class GuestTokens implements GuestTokenVerifier {

	public static final String ISSUER = "urn:ordergraph:guest";

	public static final String SESSION_CLAIM = "sid";

	private static final long RELOAD_INTERVAL_MILLIS = 1000;

	private final JdbcTemplate jdbc;

	private final OrderSessionRepository sessions;

	private final SessionProperties properties;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Key> keys = new ConcurrentHashMap<>();

	private final TransactionTemplate ownTransaction;

	private final ClosedSessions closedSessions;

	private volatile long lastReload;

	GuestTokens(JdbcTemplate jdbc, OrderSessionRepository sessions, SessionProperties properties,
			PlatformTransactionManager transactionManager, ClosedSessions closedSessions) {
		this.closedSessions = closedSessions;
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.properties = properties;
		// a new key is committed before any token it signs leaves, whatever becomes of the caller's transaction
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	private record Key(String id, byte[] secret, Instant createdAt) {
	}

	/** A signed guest token: what the guest sends as its bearer token. */
	public record Issued(String token, Instant expiresAt) {
	}

	@Override
	public String issuer() {
		return ISSUER;
	}

	public Issued issue(String subject, String name, UUID sessionId) {
		Key key = signingKey();
		Instant now = Instant.now();
		Instant expiresAt = now.plus(properties.guestTokenLifetime());
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim(SESSION_CLAIM, sessionId.toString())
			.claim("name", name)
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(key.id()).build(), claims);
		try {
			jwt.sign(new MACSigner(key.secret()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a guest token", ex);
		}
		return new Issued(jwt.serialize(), expiresAt);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		SignedJWT signed;
		JWTClaimsSet claims;
		try {
			signed = SignedJWT.parse(token);
			claims = signed.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new BadJwtException("Malformed guest token");
		}
		if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
			throw new BadJwtException("Unexpected algorithm");
		}
		Key key = verificationKey(signed.getHeader().getKeyID());
		try {
			if (key == null || !signed.verify(new MACVerifier(key.secret()))) {
				throw new BadJwtException("Bad signature");
			}
		}
		catch (JOSEException ex) {
			throw new BadJwtException("Bad signature");
		}
		Date expires = claims.getExpirationTime();
		Object sid = claims.getClaim(SESSION_CLAIM);
		if (!ISSUER.equals(claims.getIssuer()) || expires == null || expires.toInstant().isBefore(Instant.now())
				|| claims.getSubject() == null || !(sid instanceof String)) {
			throw new BadJwtException("Expired or incomplete guest token");
		}
		UUID sessionId = sessionId((String) sid);
		if (!live(sessionId)) {
			throw new BadJwtException("The session is closed");
		}
		Instant issuedAt = claims.getIssueTime() == null ? expires.toInstant().minusSeconds(1)
				: claims.getIssueTime().toInstant();
		return Jwt.withTokenValue(token)
			.header("alg", "HS256")
			.header("kid", key.id())
			.claim("iss", ISSUER)
			.subject(claims.getSubject())
			.issuedAt(issuedAt)
			.expiresAt(expires.toInstant())
			.claim(SESSION_CLAIM, sid)
			.claim("name", String.valueOf(claims.getClaim("name")))
			.build();
	}

	@Override
	public Caller resolve(Jwt jwt) {
		UUID sessionId = sessionId(jwt.getClaimAsString(SESSION_CLAIM));
		if (!live(sessionId)) {
			throw new UnauthorizedException("The table session of this guest token is closed");
		}
		return Caller.guest(jwt.getSubject(), jwt.getClaimAsString("name"), sessionId, jwt.getExpiresAt());
	}

	@Override
	public boolean stillLive(Caller guest) {
		return !closedSessions.isClosed(guest.sessionId());
	}

	private static UUID sessionId(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new BadJwtException("Malformed session claim");
		}
	}

	private boolean live(UUID sessionId) {
		return sessions.findStateById(sessionId).filter(s -> s != OrderSessionState.CLOSED).isPresent();
	}

	private Key verificationKey(String id) {
		if (id == null) {
			return null;
		}
		Key key = keys.get(id);
		if (key == null && System.currentTimeMillis() - lastReload > RELOAD_INTERVAL_MILLIS) {
			// made by another replica since we last looked
			reload();
			key = keys.get(id);
		}
		if (key != null && key.createdAt()
			.isBefore(Instant.now().minus(properties.signingKeyRotation()).minus(properties.guestTokenLifetime()))) {
			return null; // retired: every token it signed has expired
		}
		return key;
	}

	private synchronized Key signingKey() {
		Instant fresh = Instant.now().minus(properties.signingKeyRotation());
		Key newest = newest();
		if (newest == null || newest.createdAt().isBefore(fresh)) {
			reload();
			newest = newest();
		}
		if (newest == null || newest.createdAt().isBefore(fresh)) {
			byte[] secret = new byte[32];
			random.nextBytes(secret);
			Key key = new Key(UUID.randomUUID().toString(), secret, Instant.now());
			ownTransaction.executeWithoutResult(tx -> {
				jdbc.update("insert into guest_token_key (id, secret, created_at) values (?, ?, ?)", key.id(),
						key.secret(), Timestamp.from(key.createdAt()));
				// keys past their verification period are of no more use
				jdbc.update("delete from guest_token_key where created_at < ?", Timestamp.from(
						Instant.now().minus(properties.signingKeyRotation()).minus(properties.guestTokenLifetime())));
			});
			keys.put(key.id(), key);
			newest = key;
		}
		return newest;
	}

	private Key newest() {
		return keys.values().stream().max(java.util.Comparator.comparing(Key::createdAt)).orElse(null);
	}

	private void reload() {
		lastReload = System.currentTimeMillis();
		List<Key> stored = jdbc.query("select id, secret, created_at from guest_token_key",
				(rs, i) -> new Key(rs.getString(1), rs.getBytes(2), rs.getTimestamp(3).toInstant()));
		stored.forEach(k -> keys.put(k.id(), k));
		// keys deleted from the table (rotation, or an emergency delete) stop verifying here too
		keys.keySet().retainAll(stored.stream().map(Key::id).toList());
	}


}
