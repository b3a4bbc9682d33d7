package io.ordergraph.platform.graphql;

import graphql.ErrorClassification;

/** Error classifications of Ordergraph's own, beside Spring for GraphQL's {@code ErrorType}. */
public enum Classification implements ErrorClassification {

	/** The data changed under the request (a concurrent change won); nothing was changed: retry. */
	CONFLICT,

	/** The query's static cost is above the limit; nothing ran. Ask for smaller pages or fewer fields. */
	MAX_COST_EXCEEDED,

	/** The caller spent its cost allowance; {@code extensions.retryAfterMs} says when enough is back. */
	THROTTLED,

	/** The request ran longer than the request timeout; its remaining work was cancelled. */
	TIMEOUT,

	/** The instance is executing as many requests as it may; retry after {@code extensions.retryAfterMs}. */
	OVERLOADED,

	/** The connection or the caller holds as many subscriptions as allowed; end one first. */
	TOO_MANY_SUBSCRIPTIONS

}
