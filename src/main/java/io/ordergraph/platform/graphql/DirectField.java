package io.ordergraph.platform.graphql;

import graphql.GraphQLContext;

/**
 * A field whose value can be read from its parent object and the request's GraphQL context alone, with no data
 * fetching environment, no I/O and no authorization of its own: what {@link ShapedExecution} reads without
 * graphql-java's per-field machinery. A field that can give its value only sometimes (when the page prefetched it)
 * answers {@link #UNAVAILABLE} otherwise, and graphql-java resolves it the usual way.
 */
public interface DirectField {

	/** The value cannot be read directly here: only the data fetcher (a data loader, say) can give it. */
	Object UNAVAILABLE = new Object() {
		@Override
		public String toString() {
			return "UNAVAILABLE";
		}
	};

	/**
	 * The field's value for this parent, or {@link #UNAVAILABLE}. Called only with a non-null parent; it may be called
	 * again for the same parent, so it must have no effect.
	 */
	Object read(Object source, GraphQLContext context);

}
