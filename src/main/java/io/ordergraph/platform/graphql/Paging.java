package io.ordergraph.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Relay paging arguments ({@code first/after/last/before}) resolved into a window of rows. Cursors are opaque; page
 * size is capped at {@link #MAX_PAGE_SIZE}.
 * <p>
 * A cursor names its row's position and, when the list is ordered by a unique key (every sort here ends with the
 * id), that row's id: {@code after} such a cursor seeks past the row (keyset paging: no OFFSET, however deep, and no
 * row skipped or repeated when rows are added in front), the other directions use the position. Older cursors that
 * hold only a position stay valid. The total is counted only when {@code totalCount} is asked for, and then once;
 * {@code hasNextPage} comes from reading one row more than the page.
 */
public record Paging(Integer first, String after, Integer last, String before) {

	public static final int MAX_PAGE_SIZE = 100;

	public static final int DEFAULT_PAGE_SIZE = 20;

	private static final String PREFIX = "offset:";

	private static final String SEEK = "seek:";

	private static final String ID = "id";

	public Paging {
		if (first != null && (first < 0 || first > MAX_PAGE_SIZE)) {
			throw new BadRequestException("first must be between 0 and " + MAX_PAGE_SIZE);
		}
		if (last != null && (last < 0 || last > MAX_PAGE_SIZE)) {
			throw new BadRequestException("last must be between 0 and " + MAX_PAGE_SIZE);
		}
		if (first != null && last != null) {
			throw new BadRequestException("Use first or last, not both");
		}
	}

	/** The window to read: offset and limit, given how many items match in total. */
	public Window window(long totalCount) {
		long start = (after == null) ? 0 : Cursor.parse(after).offset() + 1;
		long end = (before == null) ? totalCount : Math.min(Cursor.parse(before).offset(), totalCount);
		start = Math.min(start, end);
		if (last != null) {
			start = Math.max(start, end - last);
		}
		else {
			end = Math.min(end, start + (first != null ? first : DEFAULT_PAGE_SIZE));
		}
		return new Window(start, (int) (end - start));
	}

	/**
	 * Rows in a fixed order that ends with a unique key (the id), as a page is read from them: by position, or after
	 * the row with a given key (keyset).
	 */
	public interface Rows<T> {

		/** How many rows there are in all. */
		long count();

		/**
		 * Up to {@code limit} rows: those after the row whose key is {@code afterKey} when it is not null (then
		 * {@code offset} is 0), else from {@code offset} on.
		 */
		List<T> read(String afterKey, long offset, int limit);

	}

	/** Reads the requested page of a specification in the given order (which must end with the id), as a connection. */
	public <T> Connection<T> query(JpaSpecificationExecutor<T> repository, Specification<T> spec, Sort sort) {
		return query(new Rows<T>() {
			@Override
			public long count() {
				return repository.count(spec);
			}

			@Override
			public List<T> read(String afterKey, long offset, int limit) {
				if (afterKey != null) {
					return repository.findBy(spec.and(after(afterKey, sort)), q -> q.sortBy(sort).limit(limit).all());
				}
				if (offset == 0) {
					return repository.findBy(spec, q -> q.sortBy(sort).limit(limit).all());
				}
				return repository.findBy(spec, q -> q.slice(new OffsetPageable(offset, limit, sort))).getContent();
			}
		});
	}

	/** Reads the requested page of these rows as a connection. */
	public <T> Connection<T> query(Rows<T> rows) {
		Cursor from = (after == null) ? null : Cursor.parse(after);
		Cursor until = (before == null) ? null : Cursor.parse(before);
		long start = (from == null) ? 0 : from.offset() + 1;
		if (last != null && until == null) {
			// the last rows: only the total says where they start
			long total = rows.count();
			Window window = window(total);
			List<T> nodes = (window.limit() == 0) ? List.of() : rows.read(null, window.offset(), window.limit());
			return Connection.of(nodes, window.offset(), false, Paging::key, total, null);
		}
		long limit;
		if (last != null) {
			long end = Math.max(start, until.offset());
			start = Math.max(start, end - last);
			limit = end - start;
		}
		else {
			limit = (first != null) ? first : DEFAULT_PAGE_SIZE;
			if (until != null) {
				limit = Math.max(0, Math.min(limit, until.offset() - start));
			}
		}
		// from the cursor's row (keyset) when the cursor names it: no OFFSET at all, however deep
		boolean seek = last == null && from != null && from.key() != null;
		int rowsToRead = (int) limit + 1; // one row more than the page tells whether there is a next page
		List<T> read = rows.read(seek ? from.key() : null, seek ? 0 : start, rowsToRead);
		boolean more = read.size() > limit;
		List<T> nodes = more ? read.subList(0, (int) limit) : read;
		return Connection.of(nodes, start, more, Paging::key, -1, rows::count);
	}

	/** The rows after the row with this id in this order, as one predicate (the row's sort values as subqueries). */
	private static <T> Specification<T> after(String key, Sort sort) {
		return (root, query, cb) -> {
			Object id = convert(key, root.get(ID).getJavaType());
			List<Sort.Order> orders = sort.toList();
			List<Predicate> alternatives = new ArrayList<>();
			List<Predicate> equalSoFar = new ArrayList<>();
			Predicate leading = null;
			for (Sort.Order order : orders) {
				Path<Comparable<Object>> path = root.get(order.getProperty());
				boolean isId = ID.equals(order.getProperty());
				Expression<Comparable<Object>> value = isId ? null : valueOf(root, query, cb, order.getProperty(), id);
				Predicate beyond = isId
						? (order.isAscending() ? cb.greaterThan(path, comparable(id)) : cb.lessThan(path, comparable(id)))
						: (order.isAscending() ? cb.greaterThan(path, value) : cb.lessThan(path, value));
				if (leading == null) {
					// lets an index on the sort columns start at the cursor
					leading = isId ? (order.isAscending() ? cb.greaterThanOrEqualTo(path, comparable(id))
							: cb.lessThanOrEqualTo(path, comparable(id)))
							: (order.isAscending() ? cb.greaterThanOrEqualTo(path, value)
									: cb.lessThanOrEqualTo(path, value));
				}
				List<Predicate> alternative = new ArrayList<>(equalSoFar);
				alternative.add(beyond);
				alternatives.add(cb.and(alternative.toArray(Predicate[]::new)));
				equalSoFar.add(isId ? cb.equal(path, id) : cb.equal(path, value));
			}
			return cb.and(leading, cb.or(alternatives.toArray(Predicate[]::new)));
		};
	}

	@SuppressWarnings("unchecked")
	private static <T> Expression<Comparable<Object>> valueOf(Root<T> root, CriteriaQuery<?> query, CriteriaBuilder cb,
			String property, Object id) {
		Class<T> type = (Class<T>) root.getJavaType();
		Subquery<Comparable<Object>> sub = query.subquery((Class<Comparable<Object>>) root.get(property).getJavaType());
		Root<T> row = sub.from(type);
		return sub.select(row.get(property)).where(cb.equal(row.get(ID), id));
	}

	@SuppressWarnings("unchecked")
	private static Comparable<Object> comparable(Object value) {
		return (Comparable<Object>) value;
	}

	/** A cursor's key that is a UUID (the id its row is sorted by last), for a {@link Rows} of its own SQL. */
	public static UUID uuidKey(String key) {
		return (UUID) convert(key, UUID.class);
	}

	private static Object convert(String key, Class<?> type) {
		try {
			if (UUID.class.equals(type)) {
				return UUID.fromString(key);
			}
			if (Long.class.equals(type) || long.class.equals(type)) {
				return Long.valueOf(key);
			}
			if (Integer.class.equals(type) || int.class.equals(type)) {
				return Integer.valueOf(key);
			}
			return key;
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("Malformed cursor");
		}
	}

	private static Object key(Object node) {
		if (node instanceof NodeSource source) {
			return source.getId();
		}
		BeanWrapperImpl wrapper = new BeanWrapperImpl(node);
		return wrapper.isReadableProperty(ID) ? wrapper.getPropertyValue(ID) : null;
	}

	public static String cursor(long offset) {
		return encode(PREFIX + offset);
	}

	static String cursor(long offset, Object key) {
		return encode(SEEK + offset + ":" + key);
	}

	private static String encode(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static long offset(String cursor) {
		return Cursor.parse(cursor).offset();
	}

	/** A decoded cursor: a position, and the row's id when it carries one. */
	record Cursor(long offset, String key) {

		static Cursor parse(String cursor) {
			try {
				String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				String key = null;
				String position = null;
				if (raw.startsWith(PREFIX)) {
					position = raw.substring(PREFIX.length());
				}
				else if (raw.startsWith(SEEK)) {
					int colon = raw.indexOf(':', SEEK.length());
					if (colon > 0 && colon < raw.length() - 1) {
						position = raw.substring(SEEK.length(), colon);
						key = raw.substring(colon + 1);
					}
				}
				if (position != null) {
					long offset = Long.parseLong(position);
					if (offset >= 0 && offset < Integer.MAX_VALUE) {
						return new Cursor(offset, key);
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// fall through to the error below
			}
			throw new BadRequestException("Malformed cursor");
		}

	}

	/** An offset window, usable as a Spring Data {@link Pageable} with a given sort. */
	public record Window(long offset, int limit) {

		public Pageable pageable(Sort sort) {
			return new OffsetPageable(offset, Math.max(limit, 1), sort);
		}

	}

}
