package io.ordergraph.demo;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.ordergraph.platform.security.Permission;

/**
 * The demo users of the embedded mode (subjects fixed, as in the README and the Keycloak realm): loaded by
 * {@link DemoData} and offered by the staff panel's sign-in picker.
 */
public final class DemoUsers {

	/** One demo user: who they are and what they may do. */
	public record DemoUser(String subject, String name, String email, List<String> roles, Set<Permission> permissions,
			String description) {
	}

	public static final DemoUser MANAGER = new DemoUser("11111111-1111-4111-8111-111111111111", "Demo Manager",
			"manager@demo.ordergraph.io", List.of("staff"), EnumSet.allOf(Permission.class),
			"Every permission, staff and integrators included");

	public static final DemoUser STAFF = new DemoUser("22222222-2222-4222-8222-222222222222", "Demo Staff",
			"staff@demo.ordergraph.io", List.of("staff"),
			EnumSet.of(Permission.MANAGE_PRODUCTS, Permission.MANAGE_ORDERS, Permission.MANAGE_SESSIONS),
			"Products, orders and table sessions");

	public static final DemoUser CUSTOMER = new DemoUser("33333333-3333-4333-8333-333333333333", "Demo Customer",
			"customer@demo.ordergraph.io", List.of("customer"), Set.of(), "A registered customer (no staff rights)");

	/** Everyone, manager first. */
	public static final List<DemoUser> ALL = List.of(MANAGER, STAFF, CUSTOMER);

	private DemoUsers() {
	}

}
