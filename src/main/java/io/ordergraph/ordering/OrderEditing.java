package io.ordergraph.ordering;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.catalog.CatalogService;
import io.ordergraph.catalog.ProductView;
import io.ordergraph.ordering.internal.OrderLineRepository;
import io.ordergraph.ordering.internal.OrderStatusChangeRepository;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.security.Caller;

/**
 * Changes the lines of an order while it is PLACED (seed 002), by its customer or by staff, taking or giving back
 * stock to match. Each change is noted in the order's history.
 */
@Service
public class OrderEditing {

	private final OrderLineRepository lines;

	private final OrderStatusChangeRepository history;

	private final OrderLifecycle lifecycle;

	private final CatalogService catalog;

	private final OrderEvents events;

	private final TransactionTemplate transactions;

	OrderEditing(OrderLineRepository lines, OrderStatusChangeRepository history, OrderLifecycle lifecycle,
			CatalogService catalog, OrderEvents events, TransactionTemplate transactions) {
		this.lines = lines;
		this.history = history;
		this.lifecycle = lifecycle;
		this.catalog = catalog;
		this.events = events;
		this.transactions = transactions;
	}

	public OrderPayload addLine(UUID orderId, UUID productId, int quantity, Caller caller) {
		caller.requireSubject();
		if (quantity < 1 || quantity > OrderPlacement.MAX_QUANTITY) {
			return OrderPayload.failed(InputErrors.INVALID_INPUT,
					"quantity must be between 1 and " + OrderPlacement.MAX_QUANTITY, "input", "quantity");
		}
		return edit(orderId, caller, (order, current) -> {
			Optional<ProductView> product = catalog.findForOrdering(productId)
				.filter(ProductView::orderable);
			if (product.isEmpty()) {
				return OrderPayload.failed("PRODUCT_UNAVAILABLE", OrderPlacement.unavailable(productId), "input",
						"productId");
			}
			if (!product.get().price().currency().equals(order.getCurrency())) {
				return OrderPayload.failed("MIXED_CURRENCY", product.get().name() + " is priced in "
						+ product.get().price().currency() + ", the order in " + order.getCurrency(), "input", "productId");
			}
			// more of a product already ordered at today's price joins its line; at another price it is a line of its own
			BigDecimal price = product.get().price().amount();
			Optional<OrderLine> existing = current.stream()
				.filter(l -> l.getProductId().equals(productId) && l.getUnitPrice().compareTo(price) == 0)
				.findFirst();
			if (existing.isPresent() && existing.get().getQuantity() + quantity > OrderPlacement.MAX_QUANTITY) {
				return OrderPayload.failed(InputErrors.INVALID_INPUT, "quantity would make the line more than "
						+ OrderPlacement.MAX_QUANTITY, "input", "quantity");
			}
			if (existing.isEmpty() && current.size() >= OrderPlacement.MAX_LINES) {
				return OrderPayload.failed(InputErrors.INVALID_INPUT, "an order has at most " + OrderPlacement.MAX_LINES
						+ " lines", "input", "productId");
			}
			if (!catalog.takeStock(productId, quantity, reason(order))) {
				return OrderPayload.failed("OUT_OF_STOCK", "quantity is more than the " + product.get().name()
						+ " in stock", "input", "quantity");
			}
			if (existing.isPresent()) {
				existing.get().quantity(existing.get().getQuantity() + quantity);
			}
			else {
				int position = current.stream().mapToInt(OrderLine::getPosition).max().orElse(-1) + 1;
				OrderLine line = new OrderLine(order.getId(), position, productId, product.get().name(), price,
						product.get().price().currency(), quantity);
				lines.save(line);
				current.add(line);
			}
			return done(order, current, "Added " + quantity + " × " + product.get().name(), caller);
		});
	}

	public OrderPayload setQuantity(UUID lineId, int quantity, Caller caller) {
		caller.requireSubject();
		if (quantity < 1 || quantity > OrderPlacement.MAX_QUANTITY) {
			return OrderPayload.failed(InputErrors.INVALID_INPUT, "quantity must be between 1 and "
					+ OrderPlacement.MAX_QUANTITY + "; remove the line instead of setting 0", "input", "quantity");
		}
		OrderLine target = lines.findById(lineId).orElseThrow(() -> new NotFoundException("Order line not found"));
		return edit(target.getOrderId(), caller, (order, current) -> {
			OrderLine line = find(current, lineId);
			int delta = quantity - line.getQuantity();
			if (delta > 0 && catalog.findForOrdering(line.getProductId()).filter(ProductView::orderable).isEmpty()) {
				return OrderPayload.failed("PRODUCT_UNAVAILABLE", line.getProductName()
						+ " is no longer on sale: its quantity can only go down", "input", "quantity");
			}
			if (delta > 0 && !catalog.takeStock(line.getProductId(), delta, reason(order))) {
				return OrderPayload.failed("OUT_OF_STOCK", "quantity is more than the " + line.getProductName()
						+ " in stock", "input", "quantity");
			}
			if (delta < 0) {
				catalog.returnStock(line.getProductId(), -delta, reason(order));
			}
			line.quantity(quantity);
			return done(order, current, line.getProductName() + " quantity set to " + quantity, caller);
		});
	}

	public OrderPayload removeLine(UUID lineId, Caller caller) {
		caller.requireSubject();
		OrderLine target = lines.findById(lineId).orElseThrow(() -> new NotFoundException("Order line not found"));
		return edit(target.getOrderId(), caller, (order, current) -> {
			OrderLine line = find(current, lineId);
			if (current.size() == 1) {
				return OrderPayload.failed("ORDER_WOULD_BE_EMPTY",
						"This is the order's last line; cancel the order instead", "input", "lineId");
			}
			catalog.returnStock(line.getProductId(), line.getQuantity(), reason(order));
			lines.delete(line);
			current.remove(line);
			return done(order, current, "Removed " + line.getProductName(), caller);
		});
	}

	private interface Edit {

		OrderPayload apply(Order order, List<OrderLine> current);

	}

	private OrderPayload edit(UUID orderId, Caller caller, Edit edit) {
		return transactions.execute(tx -> {
			Order order = lifecycle.lockVisible(orderId, caller);
			if (order.getStatus() != OrderStatus.PLACED) {
				return OrderPayload.failed("INVALID_TRANSITION", "Order " + order.getNumber() + " is "
						+ order.getStatus() + "; lines can change only while it is PLACED", "input", "id");
			}
			List<OrderLine> current = new java.util.ArrayList<>(lines.findByOrderIdOrderByPosition(orderId));
			OrderPayload payload = edit.apply(order, current);
			if (!payload.errors().isEmpty()) {
				tx.setRollbackOnly();
			}
			return payload;
		});
	}

	private OrderPayload done(Order order, List<OrderLine> current, String note, Caller caller) {
		order.subtotal(current.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
		history.save(new OrderStatusChange(order.getId(), OrderStatus.PLACED, OrderStatus.PLACED, Actor.of(caller),
				note));
		events.publish(OrderEvents.LINES_CHANGED, order, OrderStatus.PLACED, note);
		return OrderPayload.ok(order);
	}

	private static String reason(Order order) {
		return "Order " + order.getNumber() + " changed";
	}

	private static OrderLine find(List<OrderLine> current, UUID lineId) {
		return current.stream()
			.filter(l -> l.getId().equals(lineId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Order line not found"));
	}

}
