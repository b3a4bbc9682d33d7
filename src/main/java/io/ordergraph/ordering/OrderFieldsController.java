package io.ordergraph.ordering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import graphql.GraphQLContext;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.stereotype.Controller;

import io.ordergraph.catalog.CatalogService;
import io.ordergraph.catalog.Product;
import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * The fields of Order and OrderLine that read: everything that needs another query is batched over the whole page of
 * parents, so a page of orders costs the same number of statements whatever its size. Fields computed from the
 * object alone are in {@link OrderFieldWiring}.
 */
@Controller
class OrderFieldsController {

	private final OrderQueries queries;

	private final CustomerService customers;

	private final CatalogService catalog;

	private final Invoices invoices;

	OrderFieldsController(OrderQueries queries, CustomerService customers, CatalogService catalog,
			Invoices invoices) {
		this.queries = queries;
		this.customers = customers;
		this.catalog = catalog;
		this.invoices = invoices;
	}

	@BatchMapping(typeName = "Order")
	Map<Order, List<OrderLine>> lines(List<Order> orders, GraphQLContext context) {
		List<UUID> ids = orders.stream().map(Order::getId).toList();
		Map<UUID, List<OrderLine>> byId = OrderPrefetch.in(context).flatMap(p -> p.lines(ids))
			.orElseGet(() -> queries.lines(ids));
		return byOrder(orders, byId);
	}

	@BatchMapping(typeName = "Order")
	Map<Order, List<OrderStatusChange>> statusHistory(List<Order> orders) {
		return byOrder(orders, queries.history(orders.stream().map(Order::getId).toList()));
	}

	@BatchMapping(typeName = "Order")
	Map<Order, Customer> customer(List<Order> orders, GraphQLContext context) {
		List<UUID> ids = orders.stream().map(Order::getCustomerId).filter(java.util.Objects::nonNull).toList();
		Map<UUID, Customer> byId = OrderPrefetch.in(context).flatMap(p -> p.customers(ids))
			.map(OrderFieldsController::present)
			.orElseGet(() -> customers.findAllById(ids));
		Map<Order, Customer> result = new LinkedHashMap<>();
		// a table session's order has no customer (and the map may refuse a null key)
		orders.forEach(o -> result.put(o, o.getCustomerId() == null ? null : byId.get(o.getCustomerId())));
		return result;
	}

	@BatchMapping(typeName = "Order")
	Map<Order, Invoice> invoice(List<Order> orders) {
		return invoices.of(orders);
	}

	/** The product as the caller may see it now: hidden or archived products only for product managers. */
	@BatchMapping(typeName = "OrderLine")
	Map<OrderLine, Product> product(List<OrderLine> lines, @ContextValue Caller caller, GraphQLContext context) {
		List<UUID> ids = lines.stream().map(OrderLine::getProductId).toList();
		Map<UUID, Product> products = OrderPrefetch.in(context).flatMap(p -> p.products(ids))
			.map(OrderFieldsController::present)
			.orElseGet(() -> catalog.findProducts(ids));
		boolean seesAll = caller.hasPermission(Permission.MANAGE_PRODUCTS);
		Map<OrderLine, Product> result = new LinkedHashMap<>();
		for (OrderLine line : lines) {
			Product product = products.get(line.getProductId());
			result.put(line, (product != null && (seesAll || product.isPublic())) ? product : null);
		}
		return result;
	}

	private static <T> Map<UUID, T> present(Map<UUID, java.util.Optional<T>> known) {
		Map<UUID, T> result = new java.util.HashMap<>();
		known.forEach((id, value) -> value.ifPresent(v -> result.put(id, v)));
		return result;
	}

	private static <T> Map<Order, T> byOrder(List<Order> orders, Map<UUID, T> byId) {
		Map<Order, T> result = new LinkedHashMap<>();
		orders.forEach(o -> result.put(o, byId.get(o.getId())));
		return result;
	}

}
