package io.ordergraph.platform.security;

import java.time.Instant;
import java.util.Set;

import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.UnauthorizedException;

/**
 * Who is making a GraphQL request: anonymous, or an authenticated subject with its token roles and, when an
 * active employee, the permissions Ordergraph holds for it. Controllers receive it as {@code @ContextValue Caller caller}.
 */
public record Caller(String subject, String name, String email, Set<String> roles, boolean employee,
		Set<Permission> permissions, Instant expiresAt) {

	public static final String CONTEXT_KEY = "caller";

	public static final String ROLE_CUSTOMER = "customer";

	public static final String ROLE_STAFF = "staff";

	private static final Caller ANONYMOUS = new Caller(null, null, null, Set.of(), false, Set.of(), null);

	public Caller {
		roles = Set.copyOf(roles);
		permissions = Set.copyOf(permissions);
	}

	public static Caller anonymous() {
		return ANONYMOUS;
	}

	public boolean authenticated() {
		return subject != null;
	}

	public boolean hasRole(String role) {
		return roles.contains(role);
	}

	public boolean hasPermission(Permission permission) {
		return employee && permissions.contains(permission);
	}

	/** The subject of an authenticated caller, or an UNAUTHORIZED error. */
	public String requireSubject() {
		if (!authenticated()) {
			throw new UnauthorizedException();
		}
		return subject;
	}

	public void requireRole(String role) {
		requireSubject();
		if (!hasRole(role)) {
			throw new ForbiddenException("This operation needs the role '" + role + "'");
		}
	}

	public void requirePermission(Permission permission) {
		requireSubject();
		if (!hasPermission(permission)) {
			throw new ForbiddenException("This operation needs the permission " + permission);
		}
	}

}
