package io.ordergraph.ordering;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.SqlWork;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL work of the hot read paths, counted per GraphQL request over real HTTP (see {@link SqlWork}): one
 * transaction (the order page: one statement, its children joined), no more statements than the query has levels to
 * fetch, the same whatever the page size,
 * and no count unless {@code totalCount} is asked for.
 */
class StatementBudgetTests extends OrderingTest {

	// language=GraphQL
	static final String ORDER_PAGE = """
			query($first: Int) { orders(first: $first) { edges { node {
			  number status total { amount } customer { name }
			  lines { quantity unitPrice { amount } product { name } }
			} } } }""";

	// language=GraphQL
	static final String CATALOG = """
			query { products(first: 50) { edges { node { id name price { amount currency } stock } } } }""";

	private static volatile boolean ordersPlaced;

	@BeforeEach
	void enoughOrdersForAFullPageOfAHundred() {
		if (ordersPlaced) {
			return;
		}
		List<String> products = List.of(product(unique("Tea"), "3", 100_000), product(unique("Cake"), "4.50", 100_000),
				product(unique("Soup"), "7", 100_000));
		for (int s = 0; s < 4; s++) {
			Shopper shopper = shopper();
			for (int i = 0; i < 26; i++) {
				placeOk(shopper.tester(), List.of(line(products.get(i % 3), 1 + i % 4), line(products.get((i + 1) % 3), 2)));
			}
		}
		ordersPlaced = true;
	}

	@ParameterizedTest
	@ValueSource(ints = { 10, 100 })
	void theStaffOrderPageIsOneStatementWithItsChildrenJoinedAndNoCount(int first) {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		run(staff, ORDER_PAGE, first); // signs the employee in once, so what follows measures the page alone
		SqlWork.Tally tally = run(staff, ORDER_PAGE, first);
		assertThat(tally.transactions()).as(tally.toString()).isEqualTo(1);
		assertThat(tally.statements()).as(tally.toString()).hasSize(1);
		assertThat(tally.count("count(")).as(tally.toString()).isZero();
	}

	@Test
	void totalCountIsCountedOnceAndOnlyWhenAskedFor() {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String withCount = "query($first: Int) { orders(first: $first) { totalCount pageInfo { hasNextPage } "
				+ "edges { node { number } } } }";
		run(staff, withCount, 5);
		SqlWork.Tally counted = run(staff, withCount, 5);
		assertThat(counted.count("count(")).as(counted.toString()).isEqualTo(1);
		SqlWork.Tally uncounted = run(staff,
				"query($first: Int) { orders(first: $first) { pageInfo { hasNextPage } edges { node { number } } } }",
				5);
		assertThat(uncounted.count("count(")).as(uncounted.toString()).isZero();
		assertThat(uncounted.statements()).as(uncounted.toString()).hasSize(1);
	}

	@Test
	void theAnonymousCatalogIsOneStatement() {
		product(unique("Catalog item"), "1", 5);
		SqlWork.Tally tally = run(anonymous(), CATALOG, null);
		assertThat(tally.transactions()).as(tally.toString()).isEqualTo(1);
		assertThat(tally.statements()).as(tally.toString()).hasSize(1);
		assertThat(tally.count("count(")).as(tally.toString()).isZero();
	}

	@Test
	void placingAnOrderIsOneTransactionThatInsertsWithoutReadingItsNewRowsFirst() {
		String tea = product(unique("Tea"), "3", 100);
		HttpGraphQlTester shopper = shopper().tester();
		placeOk(shopper, List.of(line(tea, 1)));
		String tag = SqlWork.newTag();
		shopper.mutate()
			.header(SqlWork.HEADER, tag)
			.build()
			.document("mutation($p: ID!) { placeOrder(input: {lines: [{productId: $p, quantity: 2}]}) "
					+ "{ order { number } errors { code } } }")
			.variable("p", tea)
			.execute()
			.path("placeOrder.errors")
			.entityList(Object.class)
			.hasSize(0);
		SqlWork.Tally tally = SqlWork.tally(tag);
		// the customer's lookup, stock, the order, its line, history, event and outboxes: one unit of work
		assertThat(tally.transactions()).as(tally.toString()).isEqualTo(1);
		// new rows are inserted as new: no select by id first (what Spring Data's merge of an assigned id does)
		assertThat(tally.count("from customer_order o1_0 where o1_0.id=?")).as(tally.toString()).isZero();
		assertThat(tally.count("from order_line ol1_0 where ol1_0.id=?")).as(tally.toString()).isZero();
		assertThat(tally.count("from order_status_change osc1_0 where osc1_0.id=?")).as(tally.toString()).isZero();
		assertThat(tally.statements()).as(tally.toString()).hasSizeLessThanOrEqualTo(11);
	}

	private static SqlWork.Tally run(HttpGraphQlTester tester, String document, Integer first) {
		String tag = SqlWork.newTag();
		var request = tester.mutate().header(SqlWork.HEADER, tag).build().document(document);
		if (first != null) {
			request = request.variable("first", first);
		}
		var response = request.execute();
		response.errors().verify();
		String list = document.contains("orders(") ? "orders" : "products";
		List<Map<String, Object>> edges = response.path(list + ".edges").entityList(MAP).get();
		if (first != null) {
			assertThat(edges).hasSize(first);
		}
		else {
			assertThat(edges).isNotEmpty();
		}
		return SqlWork.tally(tag);
	}

}
