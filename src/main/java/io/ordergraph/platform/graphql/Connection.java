package io.ordergraph.platform.graphql;

import java.util.ArrayList;
import java.util.List;

/** A Relay connection: one page of nodes with cursors, page info and the total count. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, long totalCount) {

	public record Edge<T>(String cursor, T node) {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	/** Builds the connection for a page of nodes that starts at {@code offset} within {@code totalCount}. */
	public static <T> Connection<T> of(List<T> nodes, long offset, long totalCount) {
		List<Edge<T>> edges = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			edges.add(new Edge<>(Paging.cursor(offset + i), nodes.get(i)));
		}
		PageInfo info = new PageInfo(offset + nodes.size() < totalCount, offset > 0,
				edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new Connection<>(edges, info, totalCount);
	}

}
