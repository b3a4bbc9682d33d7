package io.ordergraph.ordering;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.SqlWork;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Paging after a cursor seeks past its row (keyset) instead of skipping rows by OFFSET; older cursors still work. */
class KeysetPagingTests extends OrderingTest {

	// language=GraphQL
	private static final String PAGE = """
			query($customer: ID, $first: Int, $after: String) {
			  orders(first: $first, after: $after, filter: { customerId: $customer }) {
			    pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { number } }
			  }
			}""";

	@Test
	void theNextPageContinuesAfterTheCursorsRowEvenWhenNewerOrdersArrive() {
		String product = product(unique("Pie"), "2", 1000);
		Shopper shopper = shopper();
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			numbers.add(0, (String) placeOk(shopper.tester(), List.of(line(product, 1))).get("number"));
		}
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		GraphQlTester.Response first = page(staff, shopper.customerId(), 2, null, null);
		assertThat(numbersOf(first)).containsExactlyElementsOf(numbers.subList(0, 2));
		first.path("orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		String end = first.path("orders.pageInfo.endCursor").entity(String.class).get();

		// a newer order lands in front: an offset would now repeat the second order; the cursor's row does not move
		placeOk(shopper.tester(), List.of(line(product, 1)));
		String tag = SqlWork.newTag();
		GraphQlTester.Response next = page(staff, shopper.customerId(), 2, end, tag);
		assertThat(numbersOf(next)).containsExactlyElementsOf(numbers.subList(2, 4));
		next.path("orders.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);
		next.path("orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		SqlWork.Tally tally = SqlWork.tally(tag);
		assertThat(tally.statements()).as(tally.toString()).hasSize(1);
		assertThat(tally.statements().get(0)).as("no OFFSET after a cursor").doesNotContainIgnoringCase("offset");

		String last = next.path("orders.pageInfo.endCursor").entity(String.class).get();
		GraphQlTester.Response rest = page(staff, shopper.customerId(), 2, last, null);
		assertThat(numbersOf(rest)).containsExactly(numbers.get(4));
		rest.path("orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void cursorsThatHoldOnlyAPositionStillPageByPosition() {
		String product = product(unique("Tart"), "2", 1000);
		Shopper shopper = shopper();
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			numbers.add(0, (String) placeOk(shopper.tester(), List.of(line(product, 1))).get("number"));
		}
		String positional = Base64.getUrlEncoder().withoutPadding()
			.encodeToString("offset:1".getBytes(StandardCharsets.UTF_8));
		GraphQlTester.Response page = page(staff(Permission.MANAGE_ORDERS), shopper.customerId(), 2, positional, null);
		assertThat(numbersOf(page)).containsExactlyElementsOf(numbers.subList(2, 4));
	}

	private static GraphQlTester.Response page(HttpGraphQlTester tester, String customer, int first, String after,
			String tag) {
		HttpGraphQlTester client = (tag == null) ? tester : tester.mutate().header(SqlWork.HEADER, tag).build();
		var request = client.document(PAGE).variable("customer", customer).variable("first", first);
		if (after != null) {
			request = request.variable("after", after);
		}
		return request.execute();
	}

	private static List<String> numbersOf(GraphQlTester.Response response) {
		List<Map<String, Object>> edges = response.path("orders.edges").entityList(MAP).get();
		return edges.stream().map(e -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> node = (Map<String, Object>) e.get("node");
			return (String) node.get("number");
		}).toList();
	}

}
