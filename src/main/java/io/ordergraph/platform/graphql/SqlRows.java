package io.ordergraph.platform.graphql;

import java.util.List;

import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A list paged by plain SQL, one statement a page: the rows of {@code table} that meet {@code conditions} (with their
 * parameters), a page of them by the statement {@code statement} builds, past a cursor's row by {@code seek} (which
 * names that row's id {@code :after}), read by {@code reader}. Counted only when {@code totalCount} asks.
 */
public record SqlRows<T>(NamedParameterJdbcTemplate jdbc, String table, String conditions,
		MapSqlParameterSource params, String seek, Statement statement, ResultSetExtractor<List<T>> reader)
		implements Paging.Rows<T> {

	/** A page's statement, from its where clause and its window ({@code limit :limit}, and an offset unless 0). */
	@FunctionalInterface
	public interface Statement {

		String of(String where, String window);

	}

	@Override
	public long count() {
		Long count = jdbc.queryForObject("select count(*) from " + table + " where " + conditions, params, Long.class);
		return (count == null) ? 0 : count;
	}

	@Override
	public List<T> read(String afterKey, long offset, int limit) {
		MapSqlParameterSource page = new MapSqlParameterSource(params.getValues());
		page.addValue("limit", limit).addValue("offset", offset);
		String where = conditions;
		if (afterKey != null) {
			page.addValue("after", Paging.uuidKey(afterKey));
			where = where + " and " + seek;
		}
		String window = (offset == 0) ? " limit :limit" : " limit :limit offset :offset";
		return jdbc.query(statement.of(where, window), page, reader);
	}

}
