package io.ordergraph.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;

/** The integrators registry and deliveries over GraphQL. */
@Controller
class IntegrationController {

	private final IntegratorService integrators;

	private final OrderQueries orders;

	IntegrationController(IntegratorService integrators, OrderQueries orders) {
		this.integrators = integrators;
		this.orders = orders;
	}

	@QueryMapping
	Connection<Integrator> integrators(@Argument Integer first, @Argument String after, @Argument Integer last,
			@Argument String before, @ContextValue Caller caller) {
		return integrators.list(new Paging(first, after, last, before), caller);
	}

	@QueryMapping
	Connection<IntegratorDelivery> integratorDeliveries(@Argument String integratorId, @Argument String orderId,
			@Argument String status, @Argument Integer first, @Argument String after, @Argument Integer last,
			@Argument String before, @ContextValue Caller caller) {
		return integrators.deliveries(integratorId == null ? null : GlobalId.decode(integratorId, Integrator.NODE_TYPE),
				orderId == null ? null : GlobalId.decode(orderId, "Order"), status,
				new Paging(first, after, last, before), caller);
	}

	@MutationMapping
	IntegratorPayload createIntegrator(@Argument Map<String, Object> input, @ContextValue Caller caller) {
		return integrators.create(changes(input), caller);
	}

	@MutationMapping
	IntegratorPayload updateIntegrator(@Argument Map<String, Object> input, @ContextValue Caller caller) {
		return integrators.update(GlobalId.decode((String) input.get("id"), Integrator.NODE_TYPE), changes(input),
				caller);
	}

	@MutationMapping
	IntegratorPayload rotateIntegratorSecret(@Argument Map<String, Object> input, @ContextValue Caller caller) {
		Integer minutes = (Integer) input.get("overlapMinutes");
		return integrators.rotateSecret(GlobalId.decode((String) input.get("id"), Integrator.NODE_TYPE),
				Duration.ofMinutes(minutes == null ? 60 : minutes), caller);
	}

	@MutationMapping
	DeliveryPayload redeliverIntegratorDelivery(@Argument Map<String, Object> input, @ContextValue Caller caller) {
		return integrators.redeliver(GlobalId.decode((String) input.get("id"), IntegratorDelivery.NODE_TYPE), caller);
	}

	@SchemaMapping(typeName = "IntegratorDelivery")
	Integrator integrator(IntegratorDelivery delivery, @ContextValue Caller caller) {
		return integrators.find(delivery.integratorId(), caller).orElse(null);
	}

	@SchemaMapping(typeName = "IntegratorDelivery")
	Order order(IntegratorDelivery delivery, @ContextValue Caller caller) {
		return orders.find(delivery.orderId(), caller).orElse(null);
	}

	@SuppressWarnings("unchecked")
	private static IntegratorService.Changes changes(Map<String, Object> input) {
		Map<String, Object> auth = (Map<String, Object>) input.get("auth");
		return new IntegratorService.Changes((String) input.get("name"), (String) input.get("endpointUrl"),
				(List<String>) input.get("events"), (Boolean) input.get("active"),
				auth == null ? null : new IntegratorService.Auth((String) auth.get("kind"), (String) auth.get("headerName"),
						(String) auth.get("headerValue")));
	}

}
