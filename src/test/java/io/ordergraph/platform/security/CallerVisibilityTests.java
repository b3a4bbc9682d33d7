package io.ordergraph.platform.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may be handed an answer computed for someone else ({@link Caller#visibility()}). */
class CallerVisibilityTests {

	private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

	private static Caller staff(String subject, Set<String> roles, Permission... permissions) {
		return new Caller(subject, "Name " + subject, subject + "@example.com", roles, true, Set.of(permissions),
				LATER.plusSeconds(subject.length()));
	}

	@Test
	void orderManagersWithTheSameRolesAndPermissionsShareWhoeverTheyAre() {
		assertThat(staff("ann", Set.of(Caller.ROLE_STAFF), Permission.MANAGE_ORDERS).visibility())
			.isEqualTo(staff("bob-long", Set.of(Caller.ROLE_STAFF), Permission.MANAGE_ORDERS).visibility());
	}

	@Test
	void otherPermissionsOrRolesDoNotShare() {
		Object orders = staff("ann", Set.of(Caller.ROLE_STAFF), Permission.MANAGE_ORDERS).visibility();
		assertThat(staff("bob", Set.of(Caller.ROLE_STAFF), Permission.MANAGE_ORDERS, Permission.MANAGE_PRODUCTS)
			.visibility()).isNotEqualTo(orders);
		// an employee who is also a customer sees their own data as a customer
		assertThat(staff("bob", Set.of(Caller.ROLE_STAFF, Caller.ROLE_CUSTOMER), Permission.MANAGE_ORDERS).visibility())
			.isNotEqualTo(orders);
	}

	@Test
	void withoutManageOrdersEveryCallerIsAnsweredAlone() {
		assertThat(staff("ann", Set.of(Caller.ROLE_STAFF), Permission.MANAGE_SESSIONS).visibility())
			.isNotEqualTo(staff("bob", Set.of(Caller.ROLE_STAFF), Permission.MANAGE_SESSIONS).visibility());
		Caller customer = new Caller("carol", "Carol", null, Set.of(Caller.ROLE_CUSTOMER), false, Set.of(), LATER);
		Caller other = new Caller("dave", "Dave", null, Set.of(Caller.ROLE_CUSTOMER), false, Set.of(), LATER);
		assertThat(customer.visibility()).isNotEqualTo(other.visibility());
		UUID table = UUID.randomUUID();
		assertThat(Caller.guest("g1", "Guest", table, LATER).visibility())
			.isNotEqualTo(Caller.guest("g2", "Guest", table, LATER).visibility());
	}

}
