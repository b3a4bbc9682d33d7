package io.ordergraph.integration;

import java.time.Instant;
import java.util.UUID;

/** One event handed (or to be handed) to one integrator. */
public record IntegratorDelivery(UUID uuid, UUID integratorId, UUID orderId, UUID eventId, String event,
		String status, int attempts, Integer lastResponseCode, String responseExcerpt, String lastError,
		Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {

	public static final String NODE_TYPE = "IntegratorDelivery";

	public String id() {
		return io.ordergraph.platform.graphql.GlobalId.encode(NODE_TYPE, uuid);
	}

}
