package io.ordergraph.customer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff create customers for offline shoppers and find customers again (seed 003's back office). */
class OfflineCustomerTests extends CustomerTestSupport {

	@Test
	void staffCreateAnOfflineCustomerAndFindItAgain() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String word = unique();
		String phone = randomPhone();
		String code = "WALK-" + word;
		String id = staff.document(CREATE)
			.variable("input", Map.of("name", "Walk-in " + word, "code", code, "phone", phone, "email",
					word + "@shop.example"))
			.execute()
			.path("createCustomer.errors").entityList(Object.class).hasSize(0)
			.path("createCustomer.customer.subject").valueIsNull()
			.path("createCustomer.customer.code").entity(String.class).isEqualTo(code)
			.path("createCustomer.customer.id").entity(String.class).get();

		// by name, code and email in any case, and by phone as typed or in national notation
		String national = "0" + phone.substring(4, 7) + " " + phone.substring(7);
		for (String search : List.of("walk-in " + word.toUpperCase(), code.toLowerCase(), word + "@SHOP",
				phone.substring(4, 10), national)) {
			staff.document(SEARCH)
				.variable("search", search)
				.execute()
				.path("customers.totalCount").entity(Integer.class).isEqualTo(1)
				.path("customers.edges[0].node.id").entity(String.class).isEqualTo(id);
		}
		manager().document(SEARCH).variable("search", word).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(1);
	}

	@Test
	void searchTreatsLikeWildcardsAsText() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		create(staff, "Percent " + unique(), randomPhone());
		staff.document(SEARCH).variable("search", "%_" + unique()).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void generatedCodesAreUniqueAndGivenCodesTooRegardlessOfCase() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String code = "Dup-" + unique();
		staff.document(CREATE)
			.variable("input", Map.of("name", "First " + unique(), "code", code, "phone", randomPhone()))
			.execute()
			.path("createCustomer.errors").entityList(Object.class).hasSize(0);
		staff.document(CREATE)
			.variable("input", Map.of("name", "Second " + unique(), "code", code.toUpperCase(), "phone", randomPhone()))
			.execute()
			.path("createCustomer.customer").valueIsNull()
			.path("createCustomer.errors[0].code").entity(String.class).isEqualTo("DUPLICATE")
			.path("createCustomer.errors[0].field").entityList(String.class).containsExactly("input", "code");
		staff.document(CREATE)
			.variable("input", Map.of("name", "Third", "code", "no spaces allowed", "phone", randomPhone()))
			.execute()
			.path("createCustomer.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
	}

	@Test
	void creatingCustomersNeedsManageOrders() {
		Map<String, Object> input = Map.of("name", "Nope", "phone", randomPhone());
		assertError(staff().document(CREATE).variable("input", input).execute(), ErrorType.FORBIDDEN);
		assertError(customer().document(CREATE).variable("input", input).execute(), ErrorType.FORBIDDEN);
		assertError(anonymous().document(CREATE).variable("input", input).execute(), ErrorType.UNAUTHORIZED);
	}

	@Test
	void invalidPhoneCreatesNothing() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String name = "Badphone " + unique();
		staff.document(CREATE)
			.variable("input", Map.of("name", name, "phone", "not a phone"))
			.execute()
			.path("createCustomer.errors[0].code").entity(String.class).isEqualTo("INVALID_PHONE");
		staff.document(SEARCH).variable("search", name).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void customersArePagedByName() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String word = unique();
		for (String letter : List.of("e", "a", "d", "b", "c")) {
			create(staff, word + " " + letter, randomPhone());
		}
		GraphQlResponse first = page(staff, word, null);
		assertThat(first.names()).containsExactly(word + " a", word + " b");
		GraphQlResponse second = page(staff, word, first.endCursor());
		assertThat(second.names()).containsExactly(word + " c", word + " d");
		GraphQlResponse third = page(staff, word, second.endCursor());
		assertThat(third.names()).containsExactly(word + " e");

		staff.document(SEARCH).variable("search", word).variable("first", 2).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(5)
			.path("customers.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
			.path("customers.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
		staff.document("query($s: String) { customers(last: 1, filter: { search: $s }) { edges { node { name } } } }")
			.variable("s", word)
			.execute()
			.path("customers.edges[*].node.name").entityList(String.class).containsExactly(word + " e");
		assertError(staff.document(SEARCH).variable("first", 101).execute(), ErrorType.BAD_REQUEST);
	}

	private record GraphQlResponse(List<String> names, String endCursor) {
	}

	private static GraphQlResponse page(HttpGraphQlTester staff, String search, String after) {
		Map<String, Object> variables = new HashMap<>(Map.of("search", search, "first", 2));
		if (after != null) {
			variables.put("after", after);
		}
		var response = staff.document(SEARCH).variables(variables).execute();
		return new GraphQlResponse(response.path("customers.edges[*].node.name").entityList(String.class).get(),
				response.path("customers.pageInfo.endCursor").entity(String.class).get());
	}

	@Test
	void deletedCustomersAreListedOnlyWhenAsked() {
		String word = unique();
		HttpGraphQlTester me = customer();
		String id = register(me, "Leaving " + word, randomPhone());
		String code = me.document(MY_PROFILE).execute().path("myCustomerProfile.code").entity(String.class).get();
		me.document(CustomerProfileTests.DELETE).variable("confirm", true).execute()
			.path("deleteMyCustomerAccount.errors").entityList(Object.class).hasSize(0);

		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		staff.document(SEARCH).variable("search", code).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(0);
		staff.document(SEARCH).variable("search", code).variable("includeDeleted", true).execute()
			.path("customers.edges[0].node.id").entity(String.class).isEqualTo(id)
			.path("customers.edges[0].node.name").entity(String.class).isEqualTo("Deleted customer");
		// the old name is gone
		staff.document(SEARCH).variable("search", "Leaving " + word).variable("includeDeleted", true).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void createCustomerIsIdempotentPerCaller() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String key = "key-" + unique();
		String name = "Retry " + unique();
		String phone = randomPhone();
		Map<String, Object> input = Map.of("name", name, "phone", phone, "idempotencyKey", key);
		String id = staff.document(CREATE).variable("input", input).execute()
			.path("createCustomer.customer.id").entity(String.class).get();
		// the same request again, even in another notation of the same phone, answers the first customer
		Map<String, Object> retry = Map.of("name", name, "phone", "0" + phone.substring(4), "idempotencyKey", key);
		staff.document(CREATE).variable("input", retry).execute()
			.path("createCustomer.errors").entityList(Object.class).hasSize(0)
			.path("createCustomer.customer.id").entity(String.class).isEqualTo(id);
		staff.document(SEARCH).variable("search", name).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(1);

		staff.document(CREATE)
			.variable("input", Map.of("name", name + " changed", "phone", phone, "idempotencyKey", key))
			.execute()
			.path("createCustomer.customer").valueIsNull()
			.path("createCustomer.errors[0].code").entity(String.class).isEqualTo("IDEMPOTENCY_KEY_REUSED");

		// another employee's key is their own
		staff(Permission.MANAGE_ORDERS).document(CREATE).variable("input", input).execute()
			.path("createCustomer.customer.id").entity(String.class).satisfies(other -> assertThat(other)
				.isNotEqualTo(id));
		staff.document(SEARCH).variable("search", name).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(2);
	}

}
