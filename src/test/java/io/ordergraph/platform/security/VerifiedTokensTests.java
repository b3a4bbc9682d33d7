package io.ordergraph.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTests {

	private Instant now = Instant.parse("2026-12-02T12:00:00Z");

	private final VerifiedTokens tokens = new VerifiedTokens(new Clock() {
		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	});

	private Jwt jwt(String text, Instant expiresAt) {
		return Jwt.withTokenValue(text).header("alg", "RS256").subject("s").issuedAt(expiresAt.minusSeconds(300))
			.expiresAt(expiresAt).build();
	}

	@Test
	void aVerifiedTokenIsAnsweredUntilItExpiresAndNotAfter() {
		Jwt jwt = jwt("a.b.c", now.plus(Duration.ofMinutes(5)));
		tokens.put("a.b.c", jwt);
		assertThat(tokens.get("a.b.c")).isSameAs(jwt);
		assertThat(tokens.get("a.b.x")).as("only the very same text").isNull();
		now = now.plus(Duration.ofMinutes(5).minusMillis(1));
		assertThat(tokens.get("a.b.c")).isSameAs(jwt);
		now = now.plusMillis(1);
		assertThat(tokens.get("a.b.c")).as("at exp, without the decoder's clock skew").isNull();
		assertThat(tokens.size()).as("and forgotten").isZero();
	}

	@Test
	void tokensWithoutExpiryOrAlreadyExpiredAreNotKept() {
		tokens.put("no.exp.x", Jwt.withTokenValue("no.exp.x").header("alg", "RS256").subject("s").build());
		tokens.put("old.exp.x", jwt("old.exp.x", now.minusSeconds(30)));
		assertThat(tokens.size()).isZero();
		assertThat(tokens.get("no.exp.x")).isNull();
		assertThat(tokens.get("old.exp.x")).isNull();
	}

	@Test
	void atMostMaxEntriesAreHeldExpiredOnesGoingFirst() {
		for (int i = 0; i < VerifiedTokens.MAX_ENTRIES - 1; i++) {
			tokens.put("short." + i, jwt("short." + i, now.plusSeconds(10)));
		}
		tokens.put("long.0", jwt("long.0", now.plusSeconds(600)));
		assertThat(tokens.size()).isEqualTo(VerifiedTokens.MAX_ENTRIES);
		now = now.plusSeconds(20);
		tokens.put("long.1", jwt("long.1", now.plusSeconds(600)));
		assertThat(tokens.size()).as("the expired ones made room").isEqualTo(2);
		assertThat(tokens.get("long.0")).isNotNull();
		for (int i = 2; i < VerifiedTokens.MAX_ENTRIES + 10; i++) {
			tokens.put("long." + i, jwt("long." + i, now.plusSeconds(600)));
		}
		assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
	}

}
