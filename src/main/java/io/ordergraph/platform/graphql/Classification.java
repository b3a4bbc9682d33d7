package io.ordergraph.platform.graphql;

import graphql.ErrorClassification;

/** Error classifications of Ordergraph's own, beside Spring for GraphQL's {@code ErrorType}. */
public enum Classification implements ErrorClassification {

	/** The data changed under the request (a concurrent change won); nothing was changed: retry. */
	CONFLICT

}
