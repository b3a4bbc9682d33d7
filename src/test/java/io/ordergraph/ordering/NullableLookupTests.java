package io.ordergraph.ordering;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code order}, {@code product}, {@code customer} and {@code employee} answer null like {@code node}. */
class NullableLookupTests extends OrderingTest {

	// language=GraphQL
	private static final String SCREEN = """
			query($order: ID!, $product: ID!, $customer: ID!, $employee: ID!, $visible: ID!) {
			  me { subject }
			  order(id: $order) { id }
			  product(id: $product) { id }
			  customer(id: $customer) { id }
			  employee(id: $employee) { id }
			  shown: product(id: $visible) { name }
			}""";

	@Test
	void invisibleIdsAnswerNullWithoutWipingTheirSiblings() {
		String visible = product(unique("Shown"), "10", 5);
		String hidden = product(unique("Hidden"), "10", "KES", 5, false);
		Shopper alice = shopper();
		String aliceOrder = id(placeOk(alice.tester(), List.of(line(visible, 1))));
		String staffToken = staffToken(Permission.MANAGE_PRODUCTS);
		String employeeId = withToken(staffToken).document("{ me { employee { id } } }")
			.execute()
			.path("me.employee.id")
			.entity(String.class)
			.get();

		Shopper bob = shopper();
		var response = bob.tester()
			.document(SCREEN)
			.variable("order", aliceOrder)
			.variable("product", hidden)
			.variable("customer", alice.customerId())
			.variable("employee", employeeId)
			.variable("visible", visible)
			.execute();
		response.errors().verify();
		response.path("me.subject").entity(String.class).isEqualTo(bob.subject());
		response.path("order").valueIsNull();
		response.path("product").valueIsNull();
		response.path("customer").valueIsNull();
		response.path("employee").valueIsNull();
		response.path("shown.name").hasValue();

		// the same screen for the owner: everything they may see is there
		var own = alice.tester()
			.document(SCREEN)
			.variable("order", aliceOrder)
			.variable("product", "not even an id")
			.variable("customer", alice.customerId())
			.variable("employee", aliceOrder) // an id of another type
			.variable("visible", visible)
			.execute();
		own.errors().verify();
		own.path("order.id").entity(String.class).isEqualTo(aliceOrder);
		own.path("customer.id").entity(String.class).isEqualTo(alice.customerId());
		own.path("product").valueIsNull();
		own.path("employee").valueIsNull();
	}

	@Test
	void notSignedInIsStillAnErrorButOnlyForThatField() {
		String visible = product(unique("Public"), "10", 5);
		var response = anonymous().document("query($o: ID!, $p: ID!) { order(id: $o) { id } product(id: $p) { name } }")
			.variable("o", "anything")
			.variable("p", visible)
			.execute();
		response.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
			assertThat(e.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED);
			assertThat(e.getPath()).isEqualTo("order");
		}));
		response.path("product.name").hasValue();
		response.path("order").valueIsNull();
	}

}
