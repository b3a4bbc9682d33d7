package io.ordergraph.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Relay paging arguments ({@code first/after/last/before}) resolved against a total count into an offset window.
 * Cursors are opaque; page size is capped at {@link #MAX_PAGE_SIZE}.
 */
public record Paging(Integer first, String after, Integer last, String before) {

	public static final int MAX_PAGE_SIZE = 100;

	public static final int DEFAULT_PAGE_SIZE = 20;

	private static final String PREFIX = "offset:";

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
		long start = (after == null) ? 0 : offset(after) + 1;
		long end = (before == null) ? totalCount : Math.min(offset(before), totalCount);
		start = Math.min(start, end);
		if (last != null) {
			start = Math.max(start, end - last);
		}
		else {
			end = Math.min(end, start + (first != null ? first : DEFAULT_PAGE_SIZE));
		}
		return new Window(start, (int) (end - start));
	}

	/** Counts, then reads the requested window of a specification, as a connection. */
	public <T> Connection<T> query(JpaSpecificationExecutor<T> repository, Specification<T> spec, Sort sort) {
		long total = repository.count(spec);
		Window window = window(total);
		List<T> nodes = (window.limit() == 0) ? List.of()
				: repository.findAll(spec, window.pageable(sort)).getContent();
		return Connection.of(nodes, window.offset(), total);
	}

	public static String cursor(long offset) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
	}

	static long offset(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (raw.startsWith(PREFIX)) {
				long offset = Long.parseLong(raw.substring(PREFIX.length()));
				if (offset >= 0 && offset < Integer.MAX_VALUE) {
					return offset;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through to the error below
		}
		throw new BadRequestException("Malformed cursor");
	}

	/** An offset window, usable as a Spring Data {@link Pageable} with a given sort. */
	public record Window(long offset, int limit) {

		public Pageable pageable(Sort sort) {
			return new OffsetPageable(offset, Math.max(limit, 1), sort);
		}

	}

}
