package io.ordergraph.platform.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.UnauthorizedException;

/**
 * Who is making a GraphQL request: anonymous, or an authenticated subject with its token roles and, when an
 * active employee, the permissions Ordergraph holds for it. Controllers receive it as {@code @ContextValue Caller caller}.
 * A guest at a table ({@link #ROLE_GUEST}) carries the id of its table session and nothing else: no customer role,
 * no employee permission.
 */
public record Caller(String subject, String name, String email, Set<String> roles, boolean employee,
		Set<Permission> permissions, Instant expiresAt, UUID sessionId) {

	public static final String CONTEXT_KEY = "caller";

	public static final String ROLE_CUSTOMER = "customer";

	public static final String ROLE_STAFF = "staff";

	/** A guest of a table session, signed in with a guest token Ordergraph issued itself. */
	public static final String ROLE_GUEST = "guest";

	private static final Caller ANONYMOUS = new Caller(null, null, null, Set.of(), false, Set.of(), null);

	public Caller {
		roles = Set.copyOf(roles);
		permissions = Set.copyOf(permissions);
		if (sessionId != null && (employee || !roles.equals(Set.of(ROLE_GUEST)))) {
			throw new IllegalArgumentException("A guest has the role guest only and no permission");
		}
	}

	/** A caller that is not a guest. */
	public Caller(String subject, String name, String email, Set<String> roles, boolean employee,
			Set<Permission> permissions, Instant expiresAt) {
		this(subject, name, email, roles, employee, permissions, expiresAt, null);
	}

	/** A guest of one table session. */
	public static Caller guest(String subject, String name, UUID sessionId, Instant expiresAt) {
		if (subject == null || sessionId == null) {
			throw new IllegalArgumentException("A guest needs a subject and a session");
		}
		return new Caller(subject, name, null, Set.of(ROLE_GUEST), false, Set.of(), expiresAt, sessionId);
	}

	/** Whether this is a guest of a table session (then {@link #sessionId()} says which). */
	public boolean isGuest() {
		return sessionId != null;
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

	/**
	 * What the answers this caller may be given depend on, as a key: callers with equal keys are shown the same data.
	 * An employee with MANAGE_ORDERS, and neither a customer's nor a guest's role, sees every order, customer and
	 * session whoever it is (no answer reachable from an order or a subscription event looks at the employee's
	 * identity), so such callers share a key per set of roles and permissions. Anyone else's answers may depend on who
	 * they are (their own orders, their table's session): their key is the caller itself.
	 */
	public Object visibility() {
		if (employee && !isGuest() && !roles.contains(ROLE_CUSTOMER) && permissions.contains(Permission.MANAGE_ORDERS)) {
			return new StaffVisibility(roles, permissions);
		}
		return this;
	}

	private record StaffVisibility(Set<String> roles, Set<Permission> permissions) {
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
