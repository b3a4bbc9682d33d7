package io.ordergraph.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An external system we hand orders to (seed 001), as managers see it: never its secrets.
 * @param recentFailureRate share of the deliveries finished in the last 24 hours that FAILED; null without any
 */
public record Integrator(UUID uuid, String name, String endpointUrl, List<String> events, boolean active,
		String authKind, String authHeaderName, Double recentFailureRate, Instant createdAt, Instant updatedAt) {

	public static final String NODE_TYPE = "Integrator";

	public String id() {
		return io.ordergraph.platform.graphql.GlobalId.encode(NODE_TYPE, uuid);
	}

}
