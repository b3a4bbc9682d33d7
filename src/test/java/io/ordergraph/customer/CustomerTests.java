package io.ordergraph.customer;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see which customer: the customer themself, and staff with MANAGE_ORDERS; nobody else. */
class CustomerTests extends CustomerTestSupport {

	// language=GraphQL
	static final String NODE = "query($id: ID!) { node(id: $id) { id ... on Customer { name } } }";

	@Autowired
	CustomerService service;

	@Test
	void customerReadsTheirOwnRecordById() {
		HttpGraphQlTester me = customer();
		String name = "Owino " + unique();
		String id = register(me, name, randomPhone());
		me.document(CUSTOMER).variable("id", id).execute().path("customer.name").entity(String.class).isEqualTo(name);
		me.document(NODE).variable("id", id).execute().path("node.name").entity(String.class).isEqualTo(name);
	}

	@Test
	void customerCannotSeeAnotherCustomersProfile() {
		String id = register(customer(), "Private " + unique(), randomPhone());
		HttpGraphQlTester other = customer();
		register(other, "Other " + unique(), randomPhone());
		other.document(CUSTOMER).variable("id", id).execute().errors().verify().path("customer").valueIsNull();
		other.document(NODE).variable("id", id).execute().path("node").valueIsNull();
	}

	@Test
	void staffWithManageOrdersSeeAnyCustomer() {
		String name = "Visible " + unique();
		String id = register(customer(), name, randomPhone());
		for (HttpGraphQlTester staff : new HttpGraphQlTester[] { staff(Permission.MANAGE_ORDERS), manager() }) {
			staff.document(CUSTOMER).variable("id", id).execute().path("customer.name").entity(String.class)
				.isEqualTo(name);
			staff.document(NODE).variable("id", id).execute().path("node.name").entity(String.class).isEqualTo(name);
		}
	}

	@Test
	void staffWithoutManageOrdersSeeNoCustomer() {
		String id = register(customer(), "Hidden " + unique(), randomPhone());
		HttpGraphQlTester staff = staff(Permission.MANAGE_PRODUCTS);
		staff.document(CUSTOMER).variable("id", id).execute().errors().verify().path("customer").valueIsNull();
		staff.document(NODE).variable("id", id).execute().path("node").valueIsNull();
		assertError(staff().document(SEARCH).execute(), ErrorType.FORBIDDEN);
		assertError(staff.document(SEARCH).execute(), ErrorType.FORBIDDEN);
	}

	@Test
	void anonymousCallersSeeNoCustomer() {
		String id = register(customer(), "Anon " + unique(), randomPhone());
		assertError(anonymous().document(CUSTOMER).variable("id", id).execute(), ErrorType.UNAUTHORIZED);
		assertError(anonymous().document(SEARCH).execute(), ErrorType.UNAUTHORIZED);
		anonymous().document(NODE).variable("id", id).execute().path("node").valueIsNull();
		anonymous().document("{ me { customer { id } } }").execute().path("me").valueIsNull();
	}

	@Test
	void customersMayNotListCustomers() {
		HttpGraphQlTester me = customer();
		register(me, "Lister " + unique(), randomPhone());
		assertError(me.document(SEARCH).execute(), ErrorType.FORBIDDEN);
	}

	@Test
	void unknownOtherTypeAndMalformedIdsFindNothing() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String unknown = GlobalId.encode("Customer", UUID.randomUUID());
		for (String id : new String[] { unknown, GlobalId.encode("Employee", UUID.randomUUID()), "%%%not-an-id" }) {
			staff.document(CUSTOMER).variable("id", id).execute().errors().verify().path("customer").valueIsNull();
		}
		staff.document(NODE).variable("id", unknown).execute().path("node").valueIsNull();
	}

	@Test
	void otherModulesLookCustomersUpWithoutACaller() {
		String subject = newSubject("customer");
		String id = register(customer(subject), "Api " + unique(), randomPhone());
		UUID uuid = GlobalId.decode(id, Customer.NODE_TYPE);
		assertThat(service.findBySubject(subject)).get().extracting(Customer::getId).isEqualTo(uuid);
		assertThat(service.findBySubject(null)).isEmpty();
		assertThat(service.findById(uuid)).isPresent();
		UUID missing = UUID.randomUUID();
		assertThat(service.findAllById(java.util.List.of(uuid, missing))).containsOnlyKeys(uuid);
		assertThat(service.findAllById(java.util.List.of())).isEmpty();
	}

	@Test
	void demoCustomersAreCreatedOnce() {
		String subject = newSubject("demo");
		String code = "DEMO-" + unique();
		Customer first = service.ensureDemoCustomer(subject, "Demo shopper", code, "0711 222 333", "demo@example.com");
		Customer again = service.ensureDemoCustomer(subject, "Other name", "OTHER-" + unique(), "0711 222 444", null);
		assertThat(again.getId()).isEqualTo(first.getId());
		assertThat(first.getPhone()).isEqualTo("+254711222333");
		assertThat(first.getCode()).isEqualTo(code);

		String offlineCode = "DEMO-" + unique();
		Customer offline = service.ensureDemoCustomer(null, "Walk-in", offlineCode, "+254711222555", null);
		assertThat(service.ensureDemoCustomer(null, "Walk-in", offlineCode.toLowerCase(), "+254711222555", null)
			.getId()).isEqualTo(offline.getId());
		assertThat(offline.getSubject()).isNull();
		assertThat(service.ensureDemoCustomer(null, "Walk-in", null, "+254711222555", null).getCode())
			.matches("C-[0-9A-Z]{6}");
	}

	@Test
	void viewerWithoutProfileHasNoCustomer() {
		customer().document("{ me { customer { id } } }").execute().path("me.customer").valueIsNull();
		staff(Permission.MANAGE_ORDERS).document("{ me { customer { id } } }")
			.execute()
			.path("me.customer")
			.valueIsNull();
	}

}
