package io.ordergraph.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;

import io.ordergraph.catalog.Product;
import io.ordergraph.customer.Customer;
import io.ordergraph.platform.db.Row;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order page's own statement ({@link OrderPage}): what it reads of each table is what Hibernate reads, and it
 * pages from the end as well as from the start.
 */
class OrderPageTests extends OrderingTest {

	// language=GraphQL
	private static final String PAGE = """
			query($customer: ID, $last: Int, $before: String, $first: Int) {
			  orders(last: $last, before: $before, first: $first, filter: { customerId: $customer }) {
			    pageInfo { hasNextPage hasPreviousPage } edges { cursor node { number customer { name }
			      lines { quantity product { name } } } }
			  }
			}""";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManagerFactory entities;

	@Test
	void eachTableIsReadWithEveryColumnAndAsHibernateReadsIt() {
		String productId = product(unique("Rice"), "2.50", 100);
		Shopper shopper = shopper();
		Map<String, Object> order = placeOk(shopper.tester(), List.of(line(productId, 3)));
		UUID orderId = GlobalId.decode(id(order), "Order");
		UUID lineId = GlobalId.decode((String) lines(order).get(0).get("id"), "OrderLine");

		same(Product.ROWS, "product", Product.class, GlobalId.decode(productId, "Product"));
		same(Customer.ROWS, "customer", Customer.class, GlobalId.decode(shopper.customerId(), "Customer"));
		same(Order.ROWS, "customer_order", Order.class, orderId);
		same(OrderLine.ROWS, "order_line", OrderLine.class, lineId);
	}

	private <T> void same(Row.Table<T> table, String name, Class<T> type, UUID id) {
		List<String> columns = jdbc.queryForList("select column_name from information_schema.columns "
				+ "where table_schema = current_schema() and table_name = ?", String.class, name);
		assertThat(table.columns()).as("the columns of " + name).containsExactlyInAnyOrderElementsOf(columns);
		T read = jdbc.query("select " + table.select("t", "t_") + " from " + name + " t where t.id = ?",
				rows -> rows.next() ? table.read(rows, "t_") : null, id);
		EntityManager manager = entities.createEntityManager();
		try {
			T loaded = manager.find(type, id);
			assertThat(loaded).as(name + " " + id).isNotNull();
			assertThat(read).as(name).usingRecursiveComparison().isEqualTo(loaded);
		}
		finally {
			manager.close();
		}
	}

	@Test
	void theLastOrdersAndThoseBeforeACursorComeFromTheEnd() {
		String product = product(unique("Plum"), "1", 1000);
		Shopper shopper = shopper();
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			numbers.add(0, (String) placeOk(shopper.tester(), List.of(line(product, 1 + i))).get("number"));
		}
		var staff = staff(Permission.MANAGE_ORDERS);
		GraphQlTester.Response last = staff.document(PAGE).variable("customer", shopper.customerId())
			.variable("last", 2).execute();
		assertThat(numbersOf(last)).containsExactlyElementsOf(numbers.subList(3, 5));
		last.path("orders.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);
		last.path("orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
		last.path("orders.edges[0].node.customer.name").entity(String.class).isEqualTo(shopper.name());
		last.path("orders.edges[0].node.lines[0].quantity").entity(Integer.class).isEqualTo(2);

		GraphQlTester.Response all = staff.document(PAGE).variable("customer", shopper.customerId())
			.variable("first", 5).execute();
		String fourth = all.path("orders.edges[3].cursor").entity(String.class).get();
		GraphQlTester.Response before = staff.document(PAGE).variable("customer", shopper.customerId())
			.variable("last", 2).variable("before", fourth).execute();
		assertThat(numbersOf(before)).containsExactlyElementsOf(numbers.subList(1, 3));
		before.path("orders.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);
	}

	private static List<String> numbersOf(GraphQlTester.Response response) {
		return response.path("orders.edges[*].node.number").entityList(String.class).get();
	}

}
