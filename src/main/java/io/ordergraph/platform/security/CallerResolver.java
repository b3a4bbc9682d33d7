package io.ordergraph.platform.security;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import io.ordergraph.platform.graphql.UnauthorizedException;

/** Turns a bearer token into a {@link Caller}: validates it, reads its roles and looks up employee permissions. */
@Component
public class CallerResolver {

	private final ObjectProvider<JwtDecoder> jwtDecoder;

	private final EmployeeDirectory employees;

	private final SecurityProperties properties;

	private final ObjectProvider<GuestTokenVerifier> guestTokens;

	private final PermissionCache permissions;

	private final VerifiedTokens verified = new VerifiedTokens(Clock.systemUTC());

	CallerResolver(ObjectProvider<JwtDecoder> jwtDecoder, EmployeeDirectory employees, SecurityProperties properties,
			ObjectProvider<GuestTokenVerifier> guestTokens, PermissionCache permissions) {
		this.jwtDecoder = jwtDecoder;
		this.employees = employees;
		this.properties = properties;
		this.guestTokens = guestTokens;
		this.permissions = permissions;
	}

	/** Validates a raw "Bearer ..." header value (or a bare token); throws UNAUTHORIZED when it is not valid. */
	public Jwt decode(String authorization) {
		String token = authorization.strip();
		if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
			token = token.substring(7).strip();
		}
		if (token.isEmpty()) {
			throw new UnauthorizedException("The bearer token is empty");
		}
		Jwt known = verified.get(token);
		if (known != null) {
			return known;
		}
		// Routed by issuer: guest tokens are Ordergraph's own, everything else belongs to the identity provider.
		GuestTokenVerifier guests = guestTokens.getIfAvailable();
		if (guests != null && guests.issuer().equals(unverifiedIssuer(token))) {
			try {
				return guests.decode(token);
			}
			catch (JwtException ex) {
				throw new UnauthorizedException("The guest token is invalid, expired or its session is closed");
			}
		}
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (decoder == null) {
			throw new UnauthorizedException("No token issuer is configured");
		}
		Jwt jwt;
		try {
			jwt = decoder.decode(token);
		}
		catch (JwtException ex) {
			throw new UnauthorizedException("The bearer token is invalid or expired");
		}
		// guest tokens are not kept: whether one still counts depends on its session, which can close at any time
		verified.put(token, jwt);
		return jwt;
	}

	public Caller resolve(Jwt jwt) {
		GuestTokenVerifier guests = guestTokens.getIfAvailable();
		if (guests != null && guests.issuer().equals(jwt.getClaimAsString("iss"))) {
			return guests.resolve(jwt);
		}
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new UnauthorizedException("The bearer token has no subject");
		}
		String name = firstNonBlank(jwt.getClaimAsString("name"), jwt.getClaimAsString("preferred_username"));
		return withPermissions(subject, name, jwt.getClaimAsString("email"), roles(jwt), jwt.getExpiresAt());
	}

	/** The same caller with the permissions Ordergraph holds now (a long-lived subscription re-checks with this). */
	public Caller refresh(Caller caller) {
		if (!caller.authenticated()) {
			return caller;
		}
		if (caller.isGuest()) {
			// no permission to look up; once its session has closed a guest is nobody
			GuestTokenVerifier guests = guestTokens.getIfAvailable();
			return (guests == null || guests.stillLive(caller)) ? caller : Caller.anonymous();
		}
		return withPermissions(caller.subject(), caller.name(), caller.email(), caller.roles(), caller.expiresAt());
	}

	private Caller withPermissions(String subject, String name, String email, Set<String> roles,
			java.time.Instant expiresAt) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		boolean employee = false;
		if (properties.bootstrapManagers().contains(subject)) {
			employee = true;
			permissions.addAll(EnumSet.allOf(Permission.class));
		}
		// Employee permissions count only while the identity provider also says "staff".
		Optional<Set<Permission>> held = roles.contains(Caller.ROLE_STAFF)
				? this.permissions.get(subject, employees::activeEmployeePermissions) : Optional.empty();
		if (held.isPresent()) {
			employee = true;
			permissions.addAll(held.get());
		}
		return new Caller(subject, name, email, roles, employee, permissions, expiresAt);
	}

	private Set<String> roles(Jwt jwt) {
		Object value = jwt.getClaims();
		for (String part : properties.rolesClaim().split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return Set.of();
			}
			value = map.get(part);
		}
		Set<String> roles = new LinkedHashSet<>();
		if (value instanceof Collection<?> list) {
			list.forEach(r -> roles.add(String.valueOf(r)));
		}
		else if (value instanceof String s) {
			for (String r : s.split("[ ,]+")) {
				if (!r.isBlank()) {
					roles.add(r);
				}
			}
		}
		return roles;
	}

	/** The issuer a token claims, read without checking anything (only to pick who verifies it). */
	private static String unverifiedIssuer(String token) {
		try {
			return com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getIssuer();
		}
		catch (java.text.ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static String firstNonBlank(String a, String b) {
		return (a != null && !a.isBlank()) ? a : b;
	}

}
