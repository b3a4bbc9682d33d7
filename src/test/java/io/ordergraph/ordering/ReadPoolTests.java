package io.ordergraph.ordering;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.SqlWork;

import io.ordergraph.platform.db.ReadStatements;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With the default {@code ordergraph.db.read-pool-size}, the order page and the catalog page (single statements
 * outside any transaction) run on the read pool ({@link ReadStatements}) and placeOrder on the main pool, counted per
 * request over HTTP by {@link SqlWork}; the read pool's connections cannot write, and inside a transaction a read runs
 * on the transaction's own connection instead.
 */
class ReadPoolTests extends OrderingTest {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ReadStatements reads;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void pagesAreReadOnTheReadPoolAndOrdersPlacedOnTheMainPool() {
		String tea = product(unique("Tea"), "3", 100);
		HttpGraphQlTester shopper = shopper().tester();
		placeOk(shopper, List.of(line(tea, 1)));
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String page = "{ orders(first: 3) { edges { node { number lines { product { name } } } } } }";
		run(staff, page); // signs the employee in once, so what follows is the page alone
		SqlWork.Tally orders = run(staff, page);
		assertThat(orders.pools()).as(orders.toString()).containsExactly(ReadStatements.POOL_NAME);
		SqlWork.Tally catalog = run(anonymous(), "{ products(first: 3) { edges { node { name } } } }");
		assertThat(catalog.pools()).as(catalog.toString()).containsExactly(ReadStatements.POOL_NAME);
		SqlWork.Tally placed = run(shopper, "mutation { placeOrder(input: {lines: [{productId: \"" + tea
				+ "\", quantity: 1}]}) { order { number } errors { code } } }");
		assertThat(placed.pools()).as(placed.toString()).isNotEmpty().doesNotContain(ReadStatements.POOL_NAME);
	}

	@Test
	void theReadPoolsConnectionsCannotWrite() {
		String name = unique("Never written");
		assertThatThrownBy(() -> reads.jdbc()
			.update("insert into product (id, name, price_amount, price_currency, stock, visible, created_at, updated_at) "
					+ "values (:id, :name, 1, 'KES', 1, true, now(), now())",
					Map.of("id", UUID.randomUUID(), "name", name)))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("read-only transaction");
		assertThat(jdbc.queryForObject("select count(*) from product where name = ?", Long.class, name)).isZero();
		assertThat(reads.jdbc().queryForObject("select current_setting('application_name')", Map.of(), String.class))
			.isEqualTo(ReadStatements.POOL_NAME);
	}

	@Test
	void insideATransactionAReadRunsOnTheTransactionsConnectionAndSeesItsWrites() {
		String name = unique("Uncommitted");
		transactions.executeWithoutResult(status -> {
			jdbc.update("insert into product (id, name, price_amount, price_currency, stock, visible, created_at, updated_at)"
					+ " values (?, ?, 1, 'KES', 1, true, now(), now())", UUID.randomUUID(), name);
			assertThat(reads.jdbc()
				.queryForObject("select count(*) from product where name = :name", Map.of("name", name), Long.class))
				.isEqualTo(1);
			assertThat(reads.jdbc().queryForObject("select pg_backend_pid()", Map.of(), Integer.class))
				.isEqualTo(jdbc.queryForObject("select pg_backend_pid()", Integer.class));
			status.setRollbackOnly();
		});
		assertThat(jdbc.queryForObject("select count(*) from product where name = ?", Long.class, name)).isZero();
	}

	private static SqlWork.Tally run(HttpGraphQlTester tester, String document) {
		String tag = SqlWork.newTag();
		tester.mutate().header(SqlWork.HEADER, tag).build().document(document).execute().errors().verify();
		return SqlWork.tally(tag);
	}

}
