package io.ordergraph.staff;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.IntegrationTest;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

class EmployeeTests extends IntegrationTest {

	// language=GraphQL
	private static final String ADD = """
			mutation($input: AddEmployeeInput!) {
			  addEmployee(input: $input) {
			    employee { id subject name email active permissions }
			    errors { code field message }
			  }
			}""";

	// language=GraphQL
	private static final String GRANT = """
			mutation($input: ChangePermissionsInput!) {
			  grantPermissions(input: $input) { employee { permissions } errors { code } }
			}""";

	// language=GraphQL
	private static final String REVOKE = """
			mutation($input: ChangePermissionsInput!) {
			  revokePermissions(input: $input) { employee { permissions } errors { code field } }
			}""";

	// language=GraphQL
	private static final String SET_ACTIVE = """
			mutation($input: SetEmployeeActiveInput!) {
			  setEmployeeActive(input: $input) { employee { active } errors { code field } }
			}""";

	private String add(HttpGraphQlTester manager, String subject, String name, List<String> permissions) {
		return manager.document(ADD)
			.variable("input", Map.of("subject", subject, "name", name, "email", "Someone@Example.com",
					"permissions", permissions))
			.execute()
			.path("addEmployee.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("addEmployee.employee.id")
			.entity(String.class)
			.get();
	}

	@Test
	void managerAddsAnEmployeeWhoGetsThePermissionsGranted() {
		HttpGraphQlTester manager = manager();
		String subject = newSubject("new-hire");
		String id = add(manager, subject, "New Hire", List.of("MANAGE_PRODUCTS"));
		withToken(token(subject, "staff")).document("{ me { permissions employee { name email active } } }")
			.execute()
			.path("me.permissions")
			.entityList(String.class)
			.containsExactly("MANAGE_PRODUCTS")
			.path("me.employee.email")
			.entity(String.class)
			.isEqualTo("someone@example.com");

		manager.document(GRANT)
			.variable("input", Map.of("id", id, "permissions", List.of("MANAGE_STAFF", "MANAGE_ORDERS")))
			.execute()
			.path("grantPermissions.employee.permissions")
			.entityList(String.class)
			.contains("MANAGE_PRODUCTS", "MANAGE_STAFF", "MANAGE_ORDERS")
			.hasSize(3);
		// the permission takes effect on the next request
		withToken(token(subject, "staff")).document("{ employees(first: 1) { totalCount } }").executeAndVerify();

		manager.document(REVOKE)
			.variable("input", Map.of("id", id, "permissions", List.of("MANAGE_STAFF")))
			.execute()
			.path("revokePermissions.employee.permissions")
			.entityList(String.class)
			.contains("MANAGE_PRODUCTS", "MANAGE_ORDERS")
			.hasSize(2);
		expectError(withToken(token(subject, "staff")).document("{ employees(first: 1) { totalCount } }"),
				ErrorType.FORBIDDEN);
	}

	@Test
	void deactivatedEmployeeHoldsNoPermission() {
		HttpGraphQlTester manager = manager();
		String subject = newSubject("leaver");
		String id = add(manager, subject, "Leaver", List.of("MANAGE_STAFF"));
		manager.document(SET_ACTIVE)
			.variable("input", Map.of("id", id, "active", false))
			.execute()
			.path("setEmployeeActive.employee.active")
			.entity(Boolean.class)
			.isEqualTo(false);
		withToken(token(subject, "staff")).document("{ me { permissions employee { active } } }")
			.execute()
			.path("me.permissions")
			.entityList(String.class)
			.hasSize(0)
			.path("me.employee.active")
			.entity(Boolean.class)
			.isEqualTo(false);
		manager.document(SET_ACTIVE)
			.variable("input", Map.of("id", id, "active", true))
			.execute()
			.path("setEmployeeActive.employee.active")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	void duplicateSubjectIsRefusedAndBadInputChangesNothing() {
		HttpGraphQlTester manager = manager();
		String subject = newSubject("dup");
		add(manager, subject, "First", List.of());
		manager.document(ADD)
			.variable("input", Map.of("subject", subject, "name", "Second"))
			.execute()
			.path("addEmployee.employee")
			.valueIsNull()
			.path("addEmployee.errors[0].code")
			.entity(String.class)
			.isEqualTo("DUPLICATE")
			.path("addEmployee.errors[0].field")
			.entityList(String.class)
			.containsExactly("input", "subject");
		manager.document(ADD)
			.variable("input", Map.of("subject", newSubject("bad"), "name", "  ", "email", "not-an-email"))
			.execute()
			.path("addEmployee.errors[*].field[1]")
			.entityList(String.class)
			.contains("name", "email")
			.hasSize(2);
	}

	@Test
	void managerCannotLockThemselfOut() {
		String subject = newSubject("self");
		employees.ensure(subject, "Self", null, java.util.EnumSet.allOf(Permission.class));
		HttpGraphQlTester self = withToken(token(subject, "staff"));
		String id = GlobalId.encode("Employee", employees.findBySubject(subject).orElseThrow().getId());
		self.document(SET_ACTIVE)
			.variable("input", Map.of("id", id, "active", false))
			.execute()
			.path("setEmployeeActive.errors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
		self.document(REVOKE)
			.variable("input", Map.of("id", id, "permissions", List.of("MANAGE_STAFF")))
			.execute()
			.path("revokePermissions.errors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
	}

	@Test
	void concurrentChangesOfOneEmployeeEitherApplyOrAnswerConflict() throws Exception {
		HttpGraphQlTester manager = manager();
		String id = add(manager, newSubject("busy"), "Busy", List.of());
		List<String> permissions = List.of("MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SESSIONS", "MANAGE_STAFF",
				"MANAGE_INTEGRATIONS", "MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SESSIONS");
		var pool = java.util.concurrent.Executors.newFixedThreadPool(permissions.size());
		try {
			List<java.util.concurrent.Future<List<org.springframework.graphql.ResponseError>>> calls = new java.util.ArrayList<>();
			for (String permission : permissions) {
				calls.add(pool.submit(() -> {
					List<org.springframework.graphql.ResponseError> errors = new java.util.ArrayList<>();
					manager.document(GRANT)
						.variable("input", Map.of("id", id, "permissions", List.of(permission)))
						.execute()
						.errors()
						.satisfy(errors::addAll);
					return errors;
				}));
			}
			for (var call : calls) {
				assertThat(call.get(60, java.util.concurrent.TimeUnit.SECONDS))
					.allSatisfy(e -> assertThat(e.getErrorType().toString()).isEqualTo("CONFLICT"));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void onlyManagersManageEmployees() {
		Map<String, Object> input = Map.of("subject", newSubject("x"), "name", "X");
		expectError(anonymous().document(ADD).variable("input", input), ErrorType.UNAUTHORIZED);
		expectError(customer().document(ADD).variable("input", input), ErrorType.FORBIDDEN);
		expectError(staff().document(ADD).variable("input", input), ErrorType.FORBIDDEN);
		expectError(staff(Permission.MANAGE_PRODUCTS, Permission.MANAGE_ORDERS).document(ADD).variable("input", input),
				ErrorType.FORBIDDEN);
		expectError(staff(Permission.MANAGE_PRODUCTS).document("{ employees { totalCount } }"), ErrorType.FORBIDDEN);
	}

	@Test
	void employeesAreListedSearchedAndPaged() {
		HttpGraphQlTester manager = manager();
		String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5; i++) {
			add(manager, newSubject("page"), "Pager " + tag + " " + i, List.of());
		}
		// language=GraphQL
		String page = """
				query($search: String, $first: Int, $after: String, $last: Int, $before: String) {
				  employees(filter: {search: $search, active: true}, first: $first, after: $after, last: $last, before: $before) {
				    totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
				  }
				}""";
		GraphQlTester.Response first = manager.document(page)
			.variable("search", tag.toUpperCase())
			.variable("first", 2)
			.execute();
		first.path("employees.totalCount").entity(Integer.class).isEqualTo(5);
		first.path("employees.edges[*].node.name")
			.entityList(String.class)
			.containsExactly("Pager " + tag + " 0", "Pager " + tag + " 1");
		first.path("employees.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		String end = first.path("employees.pageInfo.endCursor").entity(String.class).get();
		manager.document(page)
			.variable("search", tag)
			.variable("first", 10)
			.variable("after", end)
			.execute()
			.path("employees.edges[*].node.name")
			.entityList(String.class)
			.containsExactly("Pager " + tag + " 2", "Pager " + tag + " 3", "Pager " + tag + " 4")
			.path("employees.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(false);
		manager.document(page)
			.variable("search", tag)
			.variable("last", 2)
			.execute()
			.path("employees.edges[*].node.name")
			.entityList(String.class)
			.containsExactly("Pager " + tag + " 3", "Pager " + tag + " 4")
			.path("employees.pageInfo.hasPreviousPage")
			.entity(Boolean.class)
			.isEqualTo(true);
		expectError(manager.document(page).variable("first", 101), ErrorType.BAD_REQUEST);
		expectError(manager.document(page).variable("after", "bogus!"), ErrorType.BAD_REQUEST);
	}

	@Test
	void employeeIsVisibleToManagersAndThemselfOnly() {
		HttpGraphQlTester manager = manager();
		String subject = newSubject("visible");
		String id = add(manager, subject, "Visible", List.of());
		String query = "query($id: ID!) { employee(id: $id) { name } node(id: $id) { ... on Employee { subject } } }";
		manager.document(query).variable("id", id).execute().path("employee.name").entity(String.class).isEqualTo("Visible");
		withToken(token(subject, "staff")).document(query)
			.variable("id", id)
			.execute()
			.path("node.subject")
			.entity(String.class)
			.isEqualTo(subject);
		staff().document(query).variable("id", id).execute().errors().verify().path("employee").valueIsNull();
		for (String other : new String[] { GlobalId.encode("Employee", java.util.UUID.randomUUID()),
				GlobalId.encode("Product", java.util.UUID.randomUUID()), "***" }) {
			manager.document(query).variable("id", other).execute().errors().verify().path("employee").valueIsNull()
				.path("node").valueIsNull();
		}
	}

	static void expectError(GraphQlTester.Request<?> request, ErrorType type) {
		request.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty()
				.allSatisfy(e -> assertThat(e.getErrorType()).isEqualTo(type)));
	}

}
