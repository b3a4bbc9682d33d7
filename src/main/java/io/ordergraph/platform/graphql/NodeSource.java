package io.ordergraph.platform.graphql;

import java.util.UUID;

/** Implemented by every Java type behind a GraphQL type that implements {@code Node}; its global id comes from this. */
public interface NodeSource {

	UUID getId();

}
