package io.ordergraph.customer;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in shopper registers, reads, changes and deletes their own customer profile. */
class CustomerProfileTests extends CustomerTestSupport {

	@Test
	void customerRegistersAndReadsTheirProfile() {
		String subject = newSubject("customer");
		HttpGraphQlTester me = customer(subject);
		String name = "Wanjiru " + unique();
		me.document(MY_PROFILE).execute().path("myCustomerProfile").valueIsNull();

		me.document(REGISTER)
			.variable("input", Map.of("name", name, "phone", "+254 711 000 001", "email", "Wanjiru@Example.COM"))
			.execute()
			.path("registerCustomer.errors").entityList(Object.class).hasSize(0)
			.path("registerCustomer.customer.name").entity(String.class).isEqualTo(name)
			.path("registerCustomer.customer.phone").entity(String.class).isEqualTo("+254711000001")
			.path("registerCustomer.customer.email").entity(String.class).isEqualTo("wanjiru@example.com")
			.path("registerCustomer.customer.subject").entity(String.class).isEqualTo(subject)
			.path("registerCustomer.customer.deleted").entity(Boolean.class).isEqualTo(false)
			.path("registerCustomer.customer.code").entity(String.class).satisfies(code -> assertThat(code)
				.matches("C-[0-9A-Z]{6}"));

		me.document(MY_PROFILE).execute().path("myCustomerProfile.name").entity(String.class).isEqualTo(name);
		me.document("{ me { subject customer { name phone } } }")
			.execute()
			.path("me.customer.name").entity(String.class).isEqualTo(name)
			.path("me.customer.phone").entity(String.class).isEqualTo("+254711000001");
	}

	@Test
	void nationalNumbersAreReadInTheDefaultRegion() {
		customer().document(REGISTER)
			.variable("input", Map.of("name", "Otieno " + unique(), "phone", "0722 123-456"))
			.execute()
			.path("registerCustomer.customer.phone").entity(String.class).isEqualTo("+254722123456")
			.path("registerCustomer.customer.email").valueIsNull();
	}

	@Test
	void registeringTwiceIsRefused() {
		HttpGraphQlTester me = customer(newSubject("customer"));
		String name = "Achieng " + unique();
		register(me, name, randomPhone());
		me.document(REGISTER)
			.variable("input", Map.of("name", "Someone else", "phone", randomPhone()))
			.execute()
			.path("registerCustomer.customer").valueIsNull()
			.path("registerCustomer.errors[*].code").entityList(String.class).containsExactly("ALREADY_REGISTERED");
		me.document(MY_PROFILE).execute().path("myCustomerProfile.name").entity(String.class).isEqualTo(name);
	}

	@Test
	void invalidInputIsRefusedWithEveryError() {
		customer().document(REGISTER)
			.variable("input", Map.of("name", " ", "phone", "12345", "email", "not-an-email"))
			.execute()
			.path("registerCustomer.customer").valueIsNull()
			.path("registerCustomer.errors[*].code").entityList(String.class)
			.containsExactly("INVALID_INPUT", "INVALID_PHONE", "INVALID_INPUT")
			.path("registerCustomer.errors[1].field").entityList(String.class).containsExactly("input", "phone");
	}

	@Test
	void registeringNeedsTheCustomerRoleAndAToken() {
		Map<String, Object> input = Map.of("name", "Nobody", "phone", randomPhone());
		assertError(anonymous().document(REGISTER).variable("input", input).execute(), ErrorType.UNAUTHORIZED);
		assertError(staff(Permission.MANAGE_ORDERS).document(REGISTER).variable("input", input).execute(),
				ErrorType.FORBIDDEN);
		assertError(anonymous().document(MY_PROFILE).execute(), ErrorType.UNAUTHORIZED);
	}

	// language=GraphQL
	static final String UPDATE = """
			mutation($input: UpdateMyCustomerProfileInput!) {
			  updateMyCustomerProfile(input: $input) { customer { name phone email } errors { code field } }
			}""";

	@Test
	void customerUpdatesTheirProfile() {
		HttpGraphQlTester me = customer(newSubject("customer"));
		String phone = randomPhone();
		register(me, "Kamau " + unique(), phone);
		String name = "Kamau " + unique();
		me.document(UPDATE)
			.variable("input", Map.of("name", name, "email", "kamau@example.com"))
			.execute()
			.path("updateMyCustomerProfile.customer.name").entity(String.class).isEqualTo(name)
			.path("updateMyCustomerProfile.customer.phone").entity(String.class).isEqualTo(phone)
			.path("updateMyCustomerProfile.customer.email").entity(String.class).isEqualTo("kamau@example.com");
		me.document(UPDATE)
			.variable("input", Map.of("phone", "+254 733 000 111", "email", ""))
			.execute()
			.path("updateMyCustomerProfile.customer.phone").entity(String.class).isEqualTo("+254733000111")
			.path("updateMyCustomerProfile.customer.email").valueIsNull();
	}

	@Test
	void anInvalidPhoneChangesNothing() {
		HttpGraphQlTester me = customer(newSubject("customer"));
		String name = "Njeri " + unique();
		String phone = randomPhone();
		register(me, name, phone);
		me.document(UPDATE)
			.variable("input", Map.of("name", "Changed " + unique(), "phone", "+254 12"))
			.execute()
			.path("updateMyCustomerProfile.customer").valueIsNull()
			.path("updateMyCustomerProfile.errors[*].code").entityList(String.class).containsExactly("INVALID_PHONE");
		me.document(MY_PROFILE)
			.execute()
			.path("myCustomerProfile.name").entity(String.class).isEqualTo(name)
			.path("myCustomerProfile.phone").entity(String.class).isEqualTo(phone);
	}

	@Test
	void updatingOrDeletingWithoutAProfileIsNotFound() {
		assertError(customer().document(UPDATE).variable("input", Map.of("name", "X")).execute(),
				ErrorType.NOT_FOUND);
		assertError(customer().document(DELETE).variable("confirm", true).execute(), ErrorType.NOT_FOUND);
	}

	// language=GraphQL
	static final String DELETE = """
			mutation($confirm: Boolean!) {
			  deleteMyCustomerAccount(input: { confirm: $confirm }) { deletedCustomerId errors { code field } }
			}""";

	@Test
	void deletingTheAccountAnonymizesItAndFreesTheSubject() {
		String subject = newSubject("customer");
		HttpGraphQlTester me = customer(subject);
		String id = register(me, "Mutua " + unique(), randomPhone());

		me.document(DELETE)
			.variable("confirm", false)
			.execute()
			.path("deleteMyCustomerAccount.deletedCustomerId").valueIsNull()
			.path("deleteMyCustomerAccount.errors[0].field").entityList(String.class).containsExactly("input", "confirm");
		me.document(DELETE)
			.variable("confirm", true)
			.execute()
			.path("deleteMyCustomerAccount.errors").entityList(Object.class).hasSize(0)
			.path("deleteMyCustomerAccount.deletedCustomerId").entity(String.class).isEqualTo(id);

		me.document(MY_PROFILE).execute().path("myCustomerProfile").valueIsNull();
		me.document(CUSTOMER).variable("id", id).execute().errors().verify().path("customer").valueIsNull();
		staff(Permission.MANAGE_ORDERS).document(CUSTOMER)
			.variable("id", id)
			.execute()
			.path("customer.name").entity(String.class).isEqualTo("Deleted customer")
			.path("customer.phone").valueIsNull()
			.path("customer.email").valueIsNull()
			.path("customer.subject").valueIsNull()
			.path("customer.deleted").entity(Boolean.class).isEqualTo(true)
			.path("customer.deletedAt").entity(String.class).satisfies(at -> assertThat(at).isNotBlank());

		String again = register(me, "Mutua again " + unique(), randomPhone());
		assertThat(again).isNotEqualTo(id);
		me.document("{ me { customer { id } } }").execute().path("me.customer.id").entity(String.class).isEqualTo(again);
	}

}
