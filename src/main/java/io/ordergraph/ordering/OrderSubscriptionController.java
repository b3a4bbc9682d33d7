package io.ordergraph.ordering;

import java.util.UUID;

import graphql.GraphQLContext;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.events.EventCursor;
import io.ordergraph.platform.events.EventStream;
import io.ordergraph.platform.events.PerEvent;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.platform.security.SubscriptionGuard;

/** Live order updates (seed 002), resumable from a cursor, authorized like the matching queries. */
@Controller
class OrderSubscriptionController {

	private final EventStream stream;

	private final OrderQueries queries;

	private final SubscriptionGuard guard;

	private final PendingFulfilment pending;

	// one view (and one enciphered cursor) per event for all the subscriptions that receive it
	private final PerEvent<OrderEventView> views = new PerEvent<>(OrderEventView::of);

	OrderSubscriptionController(EventStream stream, OrderQueries queries, SubscriptionGuard guard,
			PendingFulfilment pending) {
		this.stream = stream;
		this.queries = queries;
		this.guard = guard;
		this.pending = pending;
	}

	@SubscriptionMapping
	Flux<OrderEventView> orderStatusChanged(@Argument String orderId, @Argument String after,
			@ContextValue Caller caller, GraphQLContext context) {
		UUID id = GlobalId.decode(orderId, OrderController.TYPE);
		queries.get(id, caller); // NOT_FOUND unless the caller may see the order
		Long cursor = EventCursor.decode(after);
		Flux<OrderEventView> events = stream.subscribe(cursor, e -> OrderEvents.isOrderEvent(e)
				&& e.aggregateId().equals(id) && OrderEvents.STATUS_TYPES.contains(e.type())).map(views);
		return guard.guard(events, context, now -> queries.find(id, now).isPresent());
	}

	/** Everything that happens to one order: placement, status, lines and totals, notes, archiving. */
	@SubscriptionMapping
	Flux<OrderEventView> orderChanged(@Argument String orderId, @Argument String after, @ContextValue Caller caller,
			GraphQLContext context) {
		UUID id = GlobalId.decode(orderId, OrderController.TYPE);
		queries.get(id, caller); // NOT_FOUND unless the caller may see the order
		Flux<OrderEventView> events = stream
			.subscribe(EventCursor.decode(after), e -> OrderEvents.isOrderEvent(e) && e.aggregateId().equals(id)
					&& (!OrderEvents.staffOnly(e) || caller.hasPermission(Permission.MANAGE_ORDERS)))
			.map(views);
		return guard.guard(events, context, now -> queries.find(id, now).isPresent());
	}

	@SubscriptionMapping
	Flux<OrderEventView> orderEvents(@Argument String after, @ContextValue Caller caller, GraphQLContext context) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		Flux<OrderEventView> events = stream.subscribe(EventCursor.decode(after), OrderEvents::isOrderEvent)
			.map(views);
		return guard.guard(events, context, now -> now.hasPermission(Permission.MANAGE_ORDERS));
	}

	@SubscriptionMapping
	Flux<Long> pendingFulfilmentCount(@ContextValue Caller caller, GraphQLContext context) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		return guard.guard(pending.counts(), context, fresh -> fresh.hasPermission(Permission.MANAGE_ORDERS));
	}

	/** The order as it is now, if the caller may still see it. */
	@SchemaMapping(typeName = "OrderEvent")
	Order order(OrderEventView event, @ContextValue Caller caller) {
		return queries.find(event.orderId(), caller).orElse(null);
	}

}
