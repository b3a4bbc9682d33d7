package io.ordergraph.platform.db;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One table's columns within a row of a joined statement, read by their prefixed labels: how a module reads its own
 * table's columns out of a statement that another module wrote (one join instead of a query per module), without
 * the other module knowing its columns. One {@code Row} serves every row of its result set: it finds each column's
 * position once, on first use, and reads by position after that.
 */
public final class Row {

	private final ResultSet row;

	private final String prefix;

	private final Map<String, Integer> positions = new HashMap<>();

	/** The columns labelled {@code prefix + column} in whichever row {@code row} is on. */
	public Row(ResultSet row, String prefix) {
		this.row = row;
		this.prefix = prefix;
	}

	private int at(String column) throws SQLException {
		Integer position = positions.get(column);
		if (position == null) {
			position = row.findColumn(prefix + column);
			positions.put(column, position);
		}
		return position;
	}

	/** Reads one object from a row's columns. */
	@FunctionalInterface
	public interface Reader<T> {

		T read(Row row) throws SQLException;

	}

	/**
	 * A table's columns (its primary key, {@code id}, among them) and how to read one of its objects from them: what a
	 * module publishes so that another module's statement can join its table. What is read this way is a read-only
	 * copy, not managed by Hibernate: to show, never to save.
	 */
	public record Table<T>(List<String> columns, Reader<T> reader) {

		public Table {
			if (!columns.contains("id")) {
				throw new IllegalArgumentException("A table's columns include its id");
			}
			columns = List.copyOf(columns);
		}

		/** {@code alias.a as prefixa, alias.b as prefixb, …}: the select list under which {@link #read} finds them. */
		public String select(String alias, String prefix) {
			return columns.stream().map(c -> alias + "." + c + " as " + prefix + c).collect(Collectors.joining(", "));
		}

		/** The object of this row, or null when an outer join found none. */
		public T read(ResultSet row, String prefix) throws SQLException {
			return read(new Row(row, prefix));
		}

		/** The object of the row {@code columns} is on, or null when an outer join found none. */
		public T read(Row columns) throws SQLException {
			return (columns.uuid("id") == null) ? null : reader.read(columns);
		}

	}

	public UUID uuid(String column) throws SQLException {
		return row.getObject(at(column), UUID.class);
	}

	public String string(String column) throws SQLException {
		return row.getString(at(column));
	}

	public BigDecimal decimal(String column) throws SQLException {
		return row.getBigDecimal(at(column));
	}

	public int integer(String column) throws SQLException {
		return row.getInt(at(column));
	}

	public long bigint(String column) throws SQLException {
		return row.getLong(at(column));
	}

	public boolean bool(String column) throws SQLException {
		return row.getBoolean(at(column));
	}

	/** A {@code timestamptz}, or null. */
	public Instant instant(String column) throws SQLException {
		OffsetDateTime value = row.getObject(at(column), OffsetDateTime.class);
		return (value == null) ? null : value.toInstant();
	}

}
