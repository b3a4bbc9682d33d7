package io.ordergraph;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import com.sun.net.httpserver.HttpServer;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A minimal external token issuer for tests: a real HTTP server on 127.0.0.1 serving a JWK set, and the matching
 * private key to sign tokens with. Ordergraph is pointed at it with
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, as it would be at a production identity provider.
 */
public final class JwksTestIssuer implements AutoCloseable {

	private final RSAKey key;

	private final NimbusJwtEncoder encoder;

	private final HttpServer server;

	public JwksTestIssuer() throws IOException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			this.key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/jwks", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(jwks);
			}
		});
		server.start();
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
	}

	public String token(String subject, List<String> roles) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(30)))
			.claim("name", "Test " + subject)
			.claim("realm_access", Map.of("roles", roles))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
