package io.ordergraph.customer;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What the customer tests share: documents, random data and short-hands for the usual assertions. */
abstract class CustomerTestSupport extends IntegrationTest {

	static final String FIELDS = "id code name phone email subject deleted createdAt updatedAt deletedAt";

	// language=GraphQL
	static final String REGISTER = """
			mutation($input: RegisterCustomerInput!) {
			  registerCustomer(input: $input) { customer { %s } errors { code field message } }
			}""".formatted(FIELDS);

	// language=GraphQL
	static final String CREATE = """
			mutation($input: CreateCustomerInput!) {
			  createCustomer(input: $input) { customer { %s } errors { code field message } }
			}""".formatted(FIELDS);

	// language=GraphQL
	static final String CUSTOMER = "query($id: ID!) { customer(id: $id) { " + FIELDS + " } }";

	// language=GraphQL
	static final String MY_PROFILE = "{ myCustomerProfile { " + FIELDS + " } }";

	// language=GraphQL
	static final String SEARCH = """
			query($search: String, $first: Int, $after: String, $includeDeleted: Boolean) {
			  customers(first: $first, after: $after, filter: { search: $search, includeDeleted: $includeDeleted }) {
			    edges { cursor node { id code name phone email } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			    totalCount
			  }
			}""";

	/** A valid, random Kenyan mobile number in E.164. */
	static String randomPhone() {
		return String.format("+2547%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	/** A random word to make names, codes and searches unique to one test. */
	static String unique() {
		return Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
	}

	/** Registers the tester's caller as a customer and answers the new customer's global id. */
	static String register(GraphQlTester tester, String name, String phone) {
		return tester.document(REGISTER)
			.variable("input", Map.of("name", name, "phone", phone))
			.execute()
			.path("registerCustomer.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("registerCustomer.customer.id")
			.entity(String.class)
			.get();
	}

	/** Creates an offline customer as the given staff member and answers its global id. */
	static String create(GraphQlTester staff, String name, String phone) {
		return staff.document(CREATE)
			.variable("input", Map.of("name", name, "phone", phone))
			.execute()
			.path("createCustomer.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get();
	}

	static void assertError(GraphQlTester.Response response, ErrorType type) {
		response.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(type)));
	}

	/** A customer tester for a subject the test knows, e.g. to sign in again after deleting the account. */
	HttpGraphQlTester customer(String subject) {
		return withToken(token(subject, "customer"));
	}

}
