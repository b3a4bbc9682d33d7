package io.ordergraph.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A Relay connection: one page of nodes with cursors, page info and the total count. The total may be counted
 * lazily: only when a client selects {@code totalCount}, and then once.
 */
public final class Connection<T> {

	public record Edge<T>(String cursor, T node) {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	private final List<Edge<T>> edges;

	private final PageInfo pageInfo;

	private LongSupplier count;

	private long totalCount = -1;

	private Connection(List<Edge<T>> edges, PageInfo pageInfo, long totalCount, LongSupplier count) {
		this.edges = edges;
		this.pageInfo = pageInfo;
		this.totalCount = totalCount;
		this.count = count;
	}

	public List<Edge<T>> edges() {
		return edges;
	}

	public PageInfo pageInfo() {
		return pageInfo;
	}

	/** How many items match in all; counted on first use when the connection was built without it. */
	public synchronized long totalCount() {
		if (totalCount < 0) {
			totalCount = count.getAsLong();
			count = null;
		}
		return totalCount;
	}

	/** The nodes of this page, in order. */
	public List<T> nodes() {
		return edges.stream().map(Edge::node).toList();
	}

	/** Builds the connection for a page of nodes that starts at {@code offset} within {@code totalCount}. */
	public static <T> Connection<T> of(List<T> nodes, long offset, long totalCount) {
		return of(nodes, offset, offset + nodes.size() < totalCount, node -> null, totalCount, null);
	}

	/**
	 * A page whose total is counted only if asked for.
	 * @param key the node's unique sort key (its id), carried in its cursor for keyset paging; null for offsets only
	 */
	static <T> Connection<T> of(List<T> nodes, long offset, boolean hasNextPage, Function<T, Object> key,
			long totalCount, LongSupplier count) {
		List<Edge<T>> edges = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			T node = nodes.get(i);
			Object k = key.apply(node);
			edges.add(new Edge<>((k == null) ? Paging.cursor(offset + i) : Paging.cursor(offset + i, k), node));
		}
		PageInfo info = new PageInfo(hasNextPage, offset > 0, edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new Connection<>(edges, info, totalCount, count);
	}

}
