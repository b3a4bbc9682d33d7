package io.ordergraph.integration;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of {@code redeliverIntegratorDelivery}. */
public record DeliveryPayload(IntegratorDelivery delivery, List<UserError> errors) {
}
