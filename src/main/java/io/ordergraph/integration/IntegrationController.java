package io.ordergraph.integration;

import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.NodeResolver;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** The integrators registry and deliveries over GraphQL; {@code node(id:)} finds integrators for their managers. */
@Controller
class IntegrationController implements NodeResolver {

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

	@Override
	public String typeName() {
		return Integrator.NODE_TYPE;
	}

	@Override
	public Optional<?> find(UUID id, Caller caller) {
		return caller.hasPermission(Permission.MANAGE_INTEGRATIONS) ? integrators.find(id, caller) : Optional.empty();
	}

	/** One query for the integrators of a whole page of deliveries. */
	@BatchMapping(typeName = "IntegratorDelivery")
	Map<IntegratorDelivery, Integrator> integrator(List<IntegratorDelivery> deliveries, @ContextValue Caller caller) {
		Map<UUID, Integrator> found = integrators.findAll(
				deliveries.stream().map(IntegratorDelivery::integratorId).distinct().toList(), caller);
		Map<IntegratorDelivery, Integrator> result = new HashMap<>();
		deliveries.forEach(d -> result.put(d, found.get(d.integratorId())));
		return result;
	}

	/** One query for the orders of a whole page of deliveries (those the caller may see). */
	@BatchMapping(typeName = "IntegratorDelivery")
	Map<IntegratorDelivery, Order> order(List<IntegratorDelivery> deliveries, @ContextValue Caller caller) {
		Map<UUID, Order> found = orders.findAll(deliveries.stream().map(IntegratorDelivery::orderId).distinct().toList(),
				caller);
		Map<IntegratorDelivery, Order> result = new HashMap<>();
		deliveries.forEach(d -> result.put(d, found.get(d.orderId())));
		return result;
	}

	@SuppressWarnings("unchecked")
	private static IntegratorService.Changes changes(Map<String, Object> input) {
		Map<String, Object> auth = (Map<String, Object>) input.get("auth");
		return new IntegratorService.Changes((String) input.get("name"), (String) input.get("endpointUrl"),
				(List<String>) input.get("events"), (Boolean) input.get("active"),
				auth == null ? null : new IntegratorService.Auth((String) auth.get("kind"), (String) auth.get("headerName"),
						(String) auth.get("headerValue"), (String) auth.get("tokenUrl"), (String) auth.get("clientId"),
						(String) auth.get("clientSecret"), (String) auth.get("scope")));
	}

}
