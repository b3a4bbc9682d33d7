package io.ordergraph.platform.graphql;

import java.util.Optional;
import java.util.UUID;

import io.ordergraph.platform.security.Caller;

/** Lets {@code node(id:)} load one type of object; each module registers one per Node type it owns. */
public interface NodeResolver {

	/** The GraphQL type name, as encoded in global ids. */
	String typeName();

	/** The object if it exists and the caller may see it, otherwise empty. */
	Optional<?> find(UUID id, Caller caller);

}
