package io.ordergraph.session;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import graphql.GraphQLContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.ordering.OrderPayload;
import io.ordergraph.ordering.OrderPlacement;
import io.ordergraph.platform.events.EventCursor;
import io.ordergraph.platform.graphql.ApiException;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.NodeResolver;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.session.internal.ClientAddressInterceptor;

/** Queries, mutations and subscriptions of table sessions. */
@Controller
class OrderSessionController implements NodeResolver {

	static final String TYPE = "OrderSession";

	private final OrderSessions sessions;

	private final SessionSubscriptions subscriptions;

	OrderSessionController(OrderSessions sessions, SessionSubscriptions subscriptions) {
		this.sessions = sessions;
		this.subscriptions = subscriptions;
	}

	@Override
	public String typeName() {
		return TYPE;
	}

	@Override
	public Optional<?> find(UUID id, Caller caller) {
		return sessions.find(id, caller);
	}

	@QueryMapping
	Connection<OrderSession> orderSessions(@Argument OrderSessionState state, @Argument Integer first,
			@Argument String after, @Argument Integer last, @Argument String before, @ContextValue Caller caller) {
		return sessions.list(state, new Paging(first, after, last, before), caller);
	}

	@QueryMapping
	OrderSession orderSession(@Argument String id, @ContextValue Caller caller) {
		caller.requireSubject();
		UUID sessionId;
		try {
			sessionId = GlobalId.decode(id, TYPE);
		}
		catch (ApiException ex) {
			return null; // malformed or another type's id
		}
		return sessions.find(sessionId, caller).orElse(null);
	}

	record OpenOrderSessionInput(String label) {
	}

	@MutationMapping
	OrderSessionPayload openOrderSession(@Argument OpenOrderSessionInput input, @ContextValue Caller caller) {
		return sessions.open(input.label(), caller);
	}

	record JoinOrderSessionInput(String code, String name) {
	}

	@MutationMapping
	Mono<JoinOrderSessionPayload> joinOrderSession(@Argument JoinOrderSessionInput input,
			@ContextValue(name = ClientAddressInterceptor.CONTEXT_KEY, required = false) String client) {
		OrderSessions.JoinResult result = sessions.join(input.code(), input.name(), client == null ? "unknown" : client);
		Mono<JoinOrderSessionPayload> payload = Mono.just(result.payload());
		return result.delay().isZero() ? payload : payload.delayElement(result.delay());
	}

	record CloseOrderSessionInput(String id) {
	}

	@MutationMapping
	OrderSessionPayload closeOrderSession(@Argument CloseOrderSessionInput input, @ContextValue Caller caller) {
		caller.requireSubject();
		return sessions.close(GlobalId.decode(input.id(), TYPE), caller);
	}

	record OrderLineInput(String productId, int quantity) {
	}

	record PlaceSessionOrderInput(String sessionId, List<OrderLineInput> lines, String idempotencyKey, String note) {
	}

	@MutationMapping
	OrderPayload placeSessionOrder(@Argument PlaceSessionOrderInput input, @ContextValue Caller caller) {
		caller.requireSubject();
		UUID sessionId = input.sessionId() == null ? null : GlobalId.decode(input.sessionId(), TYPE);
		List<OrderPlacement.LineRequest> lines = input.lines() == null ? null
				: input.lines()
					.stream()
					.map(l -> new OrderPlacement.LineRequest(GlobalId.decode(l.productId(), "Product"), l.quantity()))
					.toList();
		return sessions.placeOrder(sessionId, lines, input.idempotencyKey(), input.note(), caller);
	}

	@SubscriptionMapping
	Flux<SessionEventView> orderSessionEvents(@Argument String sessionId, @Argument String after,
			GraphQLContext context) {
		return subscriptions.session(GlobalId.decode(sessionId, TYPE), EventCursor.decode(after), context);
	}

	@SubscriptionMapping
	Flux<SessionEventView> orderSessionBoard(@Argument String after, GraphQLContext context) {
		return subscriptions.board(EventCursor.decode(after), context);
	}


}
