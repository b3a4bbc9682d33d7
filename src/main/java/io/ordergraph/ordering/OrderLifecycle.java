package io.ordergraph.ordering;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.catalog.CatalogService;
import io.ordergraph.ordering.internal.OrderLineRepository;
import io.ordergraph.ordering.internal.OrderRepository;
import io.ordergraph.ordering.internal.OrderStatusChangeRepository;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * Moves orders through their lifecycle (seeds 002, 003). Each change locks the order row, so concurrent changes of
 * one order happen one after the other, and stock goes back exactly once: only the change into REJECTED or
 * CANCELLED returns it, and neither status can be left.
 */
@Service
public class OrderLifecycle {

	private final OrderRepository orders;

	private final OrderLineRepository lines;

	private final OrderStatusChangeRepository history;

	private final OrderAccess access;

	private final CatalogService catalog;

	private final OrderEvents events;

	private final TransactionTemplate transactions;

	private final org.springframework.jdbc.core.JdbcTemplate jdbc;

	OrderLifecycle(OrderRepository orders, OrderLineRepository lines, OrderStatusChangeRepository history,
			OrderAccess access, CatalogService catalog, OrderEvents events, TransactionTemplate transactions,
			org.springframework.jdbc.core.JdbcTemplate jdbc) {
		this.orders = orders;
		this.lines = lines;
		this.history = history;
		this.access = access;
		this.catalog = catalog;
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	public OrderPayload transition(UUID orderId, OrderStatus target, String note, Caller caller) {
		caller.requireSubject();
		InputErrors errors = new InputErrors();
		String cleanNote = errors.text(note, 500, target == OrderStatus.REJECTED, "input",
				target == OrderStatus.REJECTED ? "reason" : "note");
		if (errors.any()) {
			return OrderPayload.failed(errors.list());
		}
		return transactions.execute(tx -> {
			Order order = lockVisible(orderId, caller);
			boolean staff = caller.hasPermission(Permission.MANAGE_ORDERS);
			if (!staff && target != OrderStatus.CANCELLED) {
				throw new io.ordergraph.platform.graphql.ForbiddenException(
						"Only staff with MANAGE_ORDERS can move an order to " + target);
			}
			OrderStatus current = order.getStatus();
			boolean allowed = staff ? current.canBecome(target) : current == OrderStatus.PLACED;
			if (!allowed) {
				return OrderPayload.failed("INVALID_TRANSITION", staff
						? "Order " + order.getNumber() + " is " + current + ", so it cannot become " + target + "."
						: "Order " + order.getNumber() + " is " + current
								+ ": customers can cancel an order only while it is PLACED.",
						"input", "id");
			}
			apply(order, current, target, Actor.of(caller), cleanNote);
			return OrderPayload.ok(order);
		});
	}

	/**
	 * A change made by an external system (an integrator's callback), recorded in the history as SYSTEM with the
	 * given subject and name. Answers a payload with INVALID_TRANSITION when the order cannot become {@code target},
	 * or null when there is no order with that id or number.
	 */
	public OrderPayload transitionBySystem(UUID orderId, String orderNumber, OrderStatus target, String note,
			String subject, String name) {
		return transactions.execute(tx -> {
			UUID id = orderId;
			if (id == null && orderNumber != null) {
				id = jdbc.queryForList("select id from customer_order where number = ?", UUID.class, orderNumber)
					.stream().findFirst().orElse(null);
			}
			Order order = id == null ? null : orders.findForUpdate(id).orElse(null);
			if (order == null) {
				return null;
			}
			OrderStatus current = order.getStatus();
			if (!current.canBecome(target)) {
				return OrderPayload.failed("INVALID_TRANSITION", "Order " + order.getNumber() + " is " + current
						+ " and cannot become " + target, "status");
			}
			String cleanNote = note == null ? null : note.length() > 500 ? note.substring(0, 500) : note;
			apply(order, current, target, new Actor(ActorKind.SYSTEM, subject,
					name != null && name.length() > Actor.MAX_NAME ? name.substring(0, Actor.MAX_NAME) : name), cleanNote);
			return OrderPayload.ok(order);
		});
	}

	/**
	 * A message for the customer from an external system (an integrator's callback), without a status change:
	 * recorded in the history (the status unchanged, the message as the note, SYSTEM with the given subject and name)
	 * and published as a MESSAGE event on the order's live events. Null when there is no order with that number.
	 */
	public OrderPayload messageBySystem(String orderNumber, String message, String subject, String name) {
		return transactions.execute(tx -> {
			UUID id = jdbc.queryForList("select id from customer_order where number = ?", UUID.class, orderNumber)
				.stream().findFirst().orElse(null);
			Order order = id == null ? null : orders.findForUpdate(id).orElse(null);
			if (order == null) {
				return null;
			}
			history.save(new OrderStatusChange(order.getId(), order.getStatus(), order.getStatus(), new Actor(
					ActorKind.SYSTEM, subject, name != null && name.length() > Actor.MAX_NAME
							? name.substring(0, Actor.MAX_NAME) : name), message));
			events.publish(OrderEvents.MESSAGE, order, null, message);
			return OrderPayload.ok(order);
		});
	}

	private void apply(Order order, OrderStatus current, OrderStatus target, Actor actor, String cleanNote) {
		order.status(target);
		if (target.returnsStock()) {
			// in product-id order, as placement takes stock: two such transactions cannot deadlock
			List<OrderLine> byProduct = lines.findByOrderIdOrderByPosition(order.getId())
				.stream()
				.sorted(Comparator.comparing(OrderLine::getProductId))
				.toList();
			for (OrderLine line : byProduct) {
				catalog.returnStock(line.getProductId(), line.getQuantity(),
					"Order " + order.getNumber() + " " + target.name().toLowerCase(java.util.Locale.ROOT));
			}
		}
		history.save(new OrderStatusChange(order.getId(), current, target, actor, cleanNote));
		events.publish(OrderEvents.STATUS_CHANGED, order, current, cleanNote);
	}

	/** "Delete" in the seeds: the order leaves the working lists; its record and history stay. */
	public OrderPayload archive(UUID orderId, Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		return transactions.execute(tx -> {
			Order order = lockVisible(orderId, caller);
			if (order.getStatus().isOpen()) {
				return OrderPayload.failed("ORDER_STILL_OPEN", "Order " + order.getNumber() + " is "
						+ order.getStatus() + "; only fulfilled, rejected or cancelled orders can be archived",
						"input", "id");
			}
			if (!order.isArchived()) {
				order.archive();
				events.publish(OrderEvents.ARCHIVED, order, null, null);
			}
			return OrderPayload.ok(order);
		});
	}

	Order lockVisible(UUID orderId, Caller caller) {
		Order order = orders.findForUpdate(orderId).orElseThrow(() -> new NotFoundException("Order not found"));
		if (!access.canSee(order, caller)) {
			throw new NotFoundException("Order not found");
		}
		return order;
	}

}
