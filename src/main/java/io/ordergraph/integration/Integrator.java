package io.ordergraph.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.ordergraph.platform.graphql.NodeSource;

/**
 * An external system we hand orders to (seed 001), as managers see it: never its secrets.
 * @param authTokenUrl for OAUTH2_CLIENT_CREDENTIALS: where tokens come from
 * @param authClientId for OAUTH2_CLIENT_CREDENTIALS: our client id (the client secret is never shown)
 * @param authScope for OAUTH2_CLIENT_CREDENTIALS: the scope asked for, if any
 * @param recentFailureRate share of the deliveries finished in the last 24 hours that FAILED; null without any
 */
public record Integrator(UUID uuid, String name, String endpointUrl, List<String> events, boolean active,
		String authKind, String authHeaderName, String authTokenUrl, String authClientId, String authScope,
		Double recentFailureRate, Instant createdAt, Instant updatedAt) implements NodeSource {

	public static final String NODE_TYPE = "Integrator";

	@Override
	public UUID getId() {
		return uuid;
	}

	public String id() {
		return io.ordergraph.platform.graphql.GlobalId.encode(NODE_TYPE, uuid);
	}

}
