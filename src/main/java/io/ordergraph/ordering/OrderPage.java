package io.ordergraph.ordering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

import io.ordergraph.catalog.Product;
import io.ordergraph.customer.Customer;
import io.ordergraph.platform.db.ReadStatements;
import io.ordergraph.platform.db.Row;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.graphql.SqlRows;

/**
 * The staff order page and a customer's own orders, newest first, with the children the query selects (lines, their
 * products, the orders' customers) in <b>one</b> SQL statement: the page as a subquery, its children joined to it. So
 * a page costs one round trip and no transaction (a single statement is one), and its rows are read straight into
 * objects, without Hibernate's entity machinery; {@link OrderPrefetch} hands the children to the fields. A
 * {@code totalCount} is one more statement, only when it is selected.
 */
@Component
class OrderPage {

	private final ReadStatements reads;

	OrderPage(ReadStatements reads) {
		this.reads = reads;
	}

	/**
	 * Which orders, once the caller's access is applied.
	 * @param customerId only this customer's orders, or null for all
	 * @param searchedCustomers customers whose name, code, phone or email matched {@code search}
	 */
	record Where(boolean includeArchived, UUID customerId, List<OrderStatus> statuses, OffsetDateTime placedFrom,
			OffsetDateTime placedTo, String search, List<UUID> searchedCustomers) {
	}

	/** The orders that match, as rows to page; each page read leaves its children in {@code into}. */
	Paging.Rows<Order> rows(Where where, OrderPrefetch.Include include, OrderPrefetch into) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		// the cursor's row's sort values: rows after it in (placed_at desc, id desc), along the index
		return new SqlRows<>(reads.jdbc(), "customer_order o", conditions(where, params), params,
				"(o.placed_at, o.id) < (select k.placed_at, k.id from customer_order k where k.id = :after)",
				(conditions, window) -> statement(conditions, window, include), rows -> readPage(rows, include, into));
	}

	private static String conditions(Where where, MapSqlParameterSource params) {
		List<String> all = new ArrayList<>();
		if (!where.includeArchived()) {
			all.add("not o.archived");
		}
		if (where.customerId() != null) {
			all.add("o.customer_id = :customer");
			params.addValue("customer", where.customerId());
		}
		if (where.statuses() != null && !where.statuses().isEmpty()) {
			all.add("o.status in (:statuses)");
			params.addValue("statuses", where.statuses().stream().map(OrderStatus::name).toList());
		}
		if (where.placedFrom() != null) {
			all.add("o.placed_at >= :placedFrom");
			params.addValue("placedFrom", where.placedFrom());
		}
		if (where.placedTo() != null) {
			all.add("o.placed_at < :placedTo");
			params.addValue("placedTo", where.placedTo());
		}
		if (where.search() != null && !where.search().isBlank()) {
			String like = "%" + where.search().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\")
				.replace("%", "\\%").replace("_", "\\_") + "%";
			params.addValue("search", like);
			String byNumber = "lower(o.number) like :search escape '\\'";
			if (where.searchedCustomers().isEmpty()) {
				all.add(byNumber);
			}
			else {
				all.add("(" + byNumber + " or o.customer_id in (:searched))");
				params.addValue("searched", where.searchedCustomers());
			}
		}
		return all.isEmpty() ? "true" : String.join(" and ", all);
	}

	private static String statement(String conditions, String window, OrderPrefetch.Include include) {
		StringBuilder sql = new StringBuilder("select ").append(Order.ROWS.select("o", "o_"));
		if (include.lines()) {
			sql.append(", ").append(OrderLine.ROWS.select("l", "l_"));
			if (include.products()) {
				sql.append(", ").append(Product.ROWS.select("p", "p_"));
			}
		}
		if (include.customers()) {
			sql.append(", ").append(Customer.ROWS.select("c", "c_"));
		}
		sql.append(" from (select * from customer_order o where ").append(conditions)
			.append(" order by o.placed_at desc, o.id desc").append(window).append(") o");
		// Customers and products are looked up by key for each row (lateral, "offset 0" keeps the planner from
		// flattening it into a plain join): left to itself it hashes the whole customer and product tables on every
		// page, since the tables are small enough for its estimate, which costs more the larger they grow.
		if (include.customers()) {
			sql.append(" left join lateral (select * from customer c where c.id = o.customer_id offset 0) c on true");
		}
		if (include.lines()) {
			sql.append(" left join order_line l on l.order_id = o.id");
			if (include.products()) {
				sql.append(" left join lateral (select * from product p where p.id = l.product_id offset 0) p on true");
			}
		}
		sql.append(" order by o.placed_at desc, o.id desc");
		if (include.lines()) {
			sql.append(", l.position");
		}
		return sql.toString();
	}

	/** One row per line (or per order without lines): each order, line, product and customer read once. */
	private static List<Order> readPage(ResultSet rows, OrderPrefetch.Include include, OrderPrefetch into)
			throws SQLException {
		Map<UUID, Order> orders = new LinkedHashMap<>();
		Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
		Set<UUID> productIds = new HashSet<>();
		Map<UUID, Product> products = new HashMap<>();
		Set<UUID> customerIds = new HashSet<>();
		Map<UUID, Customer> customers = new HashMap<>();
		Row orderColumns = new Row(rows, "o_");
		Row lineColumns = new Row(rows, "l_");
		Row productColumns = new Row(rows, "p_");
		Row customerColumns = new Row(rows, "c_");
		Order order = null;
		while (rows.next()) {
			UUID id = orderColumns.uuid("id");
			if (order == null || !order.getId().equals(id)) {
				order = Order.ROWS.read(orderColumns);
				orders.put(id, order);
				if (include.lines()) {
					lines.put(id, new ArrayList<>());
				}
				if (include.customers() && order.getCustomerId() != null
						&& customerIds.add(order.getCustomerId())) {
					Customer customer = Customer.ROWS.read(customerColumns);
					if (customer != null) {
						customers.put(customer.getId(), customer);
					}
				}
			}
			if (include.lines()) {
				OrderLine line = OrderLine.ROWS.read(lineColumns);
				if (line != null) {
					lines.get(id).add(line);
					if (include.products() && productIds.add(line.getProductId())) {
						Product product = Product.ROWS.read(productColumns);
						if (product != null) {
							products.put(product.getId(), product);
						}
					}
				}
			}
		}
		if (include.lines()) {
			into.lines(lines);
		}
		if (!productIds.isEmpty()) {
			into.products(productIds, products);
		}
		if (!customerIds.isEmpty()) {
			into.customers(customerIds, customers);
		}
		return new ArrayList<>(orders.values());
	}

}
