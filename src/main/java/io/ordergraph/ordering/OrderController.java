package io.ordergraph.ordering;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;

import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.NodeResolver;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;

@Controller
class OrderController implements NodeResolver {

	static final String TYPE = "Order";

	static final String LINE_TYPE = "OrderLine";

	private final OrderQueries queries;

	private final OrderPlacement placement;

	private final OrderLifecycle lifecycle;

	private final OrderEditing editing;

	OrderController(OrderQueries queries, OrderPlacement placement, OrderLifecycle lifecycle, OrderEditing editing) {
		this.queries = queries;
		this.placement = placement;
		this.lifecycle = lifecycle;
		this.editing = editing;
	}

	@Override
	public String typeName() {
		return TYPE;
	}

	@Override
	public Optional<?> find(UUID id, Caller caller) {
		return queries.find(id, caller);
	}

	@Bean
	static NodeResolver orderLineNodes(OrderQueries queries) {
		return new NodeResolver() {
			@Override
			public String typeName() {
				return LINE_TYPE;
			}

			@Override
			public Optional<?> find(UUID id, Caller caller) {
				return queries.findLine(id, caller);
			}
		};
	}

	record OrderFilterInput(List<OrderStatus> statuses, String customerId, java.time.OffsetDateTime placedFrom,
			java.time.OffsetDateTime placedTo, String search, Boolean includeArchived) {
	}

	@QueryMapping
	Connection<Order> orders(@Argument Integer first, @Argument String after, @Argument Integer last,
			@Argument String before, @Argument OrderFilterInput filter, @ContextValue Caller caller,
			DataFetchingFieldSelectionSet selection, GraphQLContext context) {
		OrderQueries.OrderFilter f = (filter == null) ? null
				: new OrderQueries.OrderFilter(filter.statuses(),
						filter.customerId() == null ? null : GlobalId.decode(filter.customerId(), "Customer"),
						filter.placedFrom(), filter.placedTo(), filter.search(), filter.includeArchived());
		return queries.list(f, new Paging(first, after, last, before), caller, OrderPrefetch.Include.of(selection),
				OrderPrefetch.of(context));
	}

	@QueryMapping
	Order order(@Argument String id, @ContextValue Caller caller) {
		caller.requireSubject();
		return GlobalId.tryDecode(id, TYPE).flatMap(uuid -> queries.find(uuid, caller)).orElse(null);
	}

	@QueryMapping
	long pendingFulfilmentCount(@ContextValue Caller caller) {
		return queries.pendingFulfilmentCount(caller);
	}

	record OrderLineInput(String productId, int quantity) {
	}

	record PlaceOrderInput(String customerId, List<OrderLineInput> lines, String idempotencyKey, String note) {
	}

	@MutationMapping
	OrderPayload placeOrder(@Argument PlaceOrderInput input, @ContextValue Caller caller) {
		List<OrderPlacement.LineRequest> lines = input.lines()
			.stream()
			.map(l -> new OrderPlacement.LineRequest(GlobalId.decode(l.productId(), "Product"), l.quantity()))
			.toList();
		UUID customerId = (input.customerId() == null) ? null : GlobalId.decode(input.customerId(), "Customer");
		return placement.place(new OrderPlacement.PlaceOrder(customerId, lines, input.idempotencyKey(), input.note(),
				null), caller);
	}

	record ChangeOrderStatusInput(String id, String note) {
	}

	record RejectOrderInput(String id, String reason) {
	}

	@MutationMapping
	OrderPayload acceptOrder(@Argument ChangeOrderStatusInput input, @ContextValue Caller caller) {
		return move(input.id(), OrderStatus.ACCEPTED, input.note(), caller);
	}

	@MutationMapping
	OrderPayload rejectOrder(@Argument RejectOrderInput input, @ContextValue Caller caller) {
		return move(input.id(), OrderStatus.REJECTED, input.reason(), caller);
	}

	private OrderPayload move(String id, OrderStatus target, String note, Caller caller) {
		return lifecycle.transition(GlobalId.decode(id, TYPE), target, note, caller);
	}

	@MutationMapping
	OrderPayload startPreparingOrder(@Argument ChangeOrderStatusInput input, @ContextValue Caller caller) {
		return move(input.id(), OrderStatus.PREPARING, input.note(), caller);
	}

	@MutationMapping
	OrderPayload markOrderReady(@Argument ChangeOrderStatusInput input, @ContextValue Caller caller) {
		return move(input.id(), OrderStatus.READY, input.note(), caller);
	}

	@MutationMapping
	OrderPayload fulfilOrder(@Argument ChangeOrderStatusInput input, @ContextValue Caller caller) {
		return move(input.id(), OrderStatus.FULFILLED, input.note(), caller);
	}

	@MutationMapping
	OrderPayload cancelOrder(@Argument ChangeOrderStatusInput input, @ContextValue Caller caller) {
		return move(input.id(), OrderStatus.CANCELLED, input.note(), caller);
	}

	record ArchiveOrderInput(String id) {
	}

	@MutationMapping
	OrderPayload archiveOrder(@Argument ArchiveOrderInput input, @ContextValue Caller caller) {
		return lifecycle.archive(GlobalId.decode(input.id(), TYPE), caller);
	}

	record AddOrderLineInput(String orderId, String productId, int quantity) {
	}

	record SetOrderLineQuantityInput(String lineId, int quantity) {
	}

	record RemoveOrderLineInput(String lineId) {
	}

	@MutationMapping
	OrderPayload addOrderLine(@Argument AddOrderLineInput input, @ContextValue Caller caller) {
		return editing.addLine(GlobalId.decode(input.orderId(), TYPE), GlobalId.decode(input.productId(), "Product"),
				input.quantity(), caller);
	}

	@MutationMapping
	OrderPayload setOrderLineQuantity(@Argument SetOrderLineQuantityInput input, @ContextValue Caller caller) {
		return editing.setQuantity(GlobalId.decode(input.lineId(), LINE_TYPE), input.quantity(), caller);
	}

	@MutationMapping
	OrderPayload removeOrderLine(@Argument RemoveOrderLineInput input, @ContextValue Caller caller) {
		return editing.removeLine(GlobalId.decode(input.lineId(), LINE_TYPE), caller);
	}

}
