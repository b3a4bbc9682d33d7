package io.ordergraph.platform.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs development tokens with a key pair generated at start, so nothing outlives the process. Only created in
 * embedded mode without an external issuer; see {@link SecurityMode}.
 */
public final class DevTokenIssuer {

	public static final String ISSUER = "urn:ordergraph:dev";

	public static final Duration LIFETIME = Duration.ofHours(1);

	private final NimbusJwtEncoder encoder;

	private final NimbusJwtDecoder decoder;

	DevTokenIssuer() {
		KeyPair keys = generate();
		RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
		this.decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
		this.decoder.setJwtValidator(org.springframework.security.oauth2.jwt.JwtValidators.createDefaultWithIssuer(ISSUER));
	}

	/** Issues a token for the subject with the given name and roles (placed where Keycloak puts them). */
	public String issue(String subject, String name, List<String> roles, Duration lifetime) {
		Instant expiresAt = Instant.now().plus(lifetime);
		// A negative lifetime (tests of expiry) still needs issuedAt before expiresAt.
		Instant issuedAt = lifetime.isNegative() ? expiresAt.minus(LIFETIME) : Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(subject)
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.id(UUID.randomUUID().toString())
			.claim("realm_access", Map.of("roles", List.copyOf(roles)));
		if (name != null && !name.isBlank()) {
			claims.claim("name", name);
		}
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

	JwtDecoder decoder() {
		return decoder;
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
