package io.ordergraph.catalog;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

import io.ordergraph.platform.db.ReadStatements;
import io.ordergraph.platform.db.Row;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.graphql.SqlRows;

/**
 * A page of {@code products}, by name and then id, as <b>one</b> SQL statement outside any transaction (a single
 * statement is one), its rows read straight into read-only {@link Product}s without Hibernate's entity machinery: the
 * catalog is the most often asked page, and Hibernate's query, hydration and transaction were a fifth of its CPU
 * (docs/benchmarks.md, ninth pass). A {@code totalCount} is one more statement, only when it is selected.
 */
@Component
class ProductPage {

	private static final String ORDER = " order by p.name, p.id";

	private final ReadStatements reads;

	ProductPage(ReadStatements reads) {
		this.reads = reads;
	}

	/**
	 * The products that match, as rows to page.
	 * @param everything whether hidden and archived products are included (the caller may manage products)
	 */
	Paging.Rows<Product> rows(ProductService.ProductFilter filter, boolean everything) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		ResultSetExtractor<List<Product>> products = rows -> {
			List<Product> read = new ArrayList<>();
			Row columns = new Row(rows, "p_");
			while (rows.next()) {
				read.add(Product.ROWS.read(columns));
			}
			return read;
		};
		// the cursor's row's sort values: the rows after it in (name, id), along the index
		return new SqlRows<>(reads.jdbc(), "product p", conditions(filter, everything, params), params,
				"(p.name, p.id) > (select k.name, k.id from product k where k.id = :after)",
				(where, window) -> "select " + Product.ROWS.select("p", "p_") + " from product p where " + where + ORDER
						+ window,
				products);
	}

	private static String conditions(ProductService.ProductFilter filter, boolean everything,
			MapSqlParameterSource params) {
		List<String> all = new ArrayList<>();
		if (!everything) {
			all.add("p.visible and p.archived_at is null");
		}
		if (filter.search() != null && !filter.search().isBlank()) {
			all.add("lower(p.name) like :search escape '\\'");
			params.addValue("search", ProductService.containing(filter.search()));
		}
		if (filter.visible() != null) {
			all.add("p.visible = :visible");
			params.addValue("visible", filter.visible());
		}
		if (filter.archived() != null) {
			all.add(filter.archived() ? "p.archived_at is not null" : "p.archived_at is null");
		}
		return all.isEmpty() ? "true" : String.join(" and ", all);
	}

}
