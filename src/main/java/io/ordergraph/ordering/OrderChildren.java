package io.ordergraph.ordering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import graphql.GraphQLContext;
import graphql.schema.idl.RuntimeWiring;
import org.dataloader.BatchLoaderEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

import io.ordergraph.catalog.CatalogService;
import io.ordergraph.catalog.Product;
import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.platform.graphql.ContextFreeField;
import io.ordergraph.platform.graphql.DirectField;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * An order's lines and customer, and each line's product. When the root field read them with the page
 * ({@link OrderPrefetch}) they are answered at once, as plain values: no data loader, no future, no second pass of
 * the engine over the page. Otherwise (an order reached by id, through a session or a subscription event) they are
 * batched over all the parents of the request, so the statements stay constant whatever the page size.
 */
@Component
class OrderChildren implements RuntimeWiringConfigurer {

	static final String LINES = "Order.lines";

	static final String CUSTOMER = "Order.customer";

	static final String PRODUCT = "OrderLine.product";

	private final OrderQueries queries;

	private final CustomerService customers;

	private final CatalogService catalog;

	OrderChildren(BatchLoaderRegistry loaders, OrderQueries queries, CustomerService customers,
			CatalogService catalog) {
		this.queries = queries;
		this.customers = customers;
		this.catalog = catalog;
		loaders.<Order, List<OrderLine>>forName(LINES)
			.registerMappedBatchLoader((orders, env) -> Mono.fromSupplier(() -> lines(orders)));
		loaders.<Order, Customer>forName(CUSTOMER)
			.registerMappedBatchLoader((orders, env) -> Mono.fromSupplier(() -> customers(orders)));
		loaders.<OrderLine, Product>forName(PRODUCT)
			.registerMappedBatchLoader((lines, env) -> Mono.fromSupplier(() -> products(lines, caller(env))));
	}

	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		// they read the page's prefetch or a DataLoader, no thread-local: no context snapshot per parent
		wiring.type("Order", type -> type
			.dataFetcher("lines", ContextFreeField.of(OrderChildren::knownLines,
					env -> env.getDataLoader(LINES).load(env.getSource())))
			.dataFetcher("customer", ContextFreeField.of(OrderChildren::knownCustomer,
					env -> env.getDataLoader(CUSTOMER).load(env.getSource()))));
		wiring.type("OrderLine", type -> type.dataFetcher("product", ContextFreeField.of(OrderChildren::knownProduct,
				env -> env.getDataLoader(PRODUCT).load(env.getSource()))));
	}

	/** The order's lines if the page read them, else {@link DirectField#UNAVAILABLE}. */
	private static Object knownLines(Object source, GraphQLContext context) {
		Order order = (Order) source;
		OrderPrefetch prefetch = prefetch(context);
		List<OrderLine> known = (prefetch != null) ? prefetch.linesOf(order.getId()) : null;
		return (known != null) ? known : DirectField.UNAVAILABLE;
	}

	private static Object knownCustomer(Object source, GraphQLContext context) {
		Order order = (Order) source;
		// a table session's order has no customer
		if (order.getCustomerId() == null) {
			return null;
		}
		OrderPrefetch prefetch = prefetch(context);
		if (prefetch != null && prefetch.hasCustomer(order.getCustomerId())) {
			return prefetch.customer(order.getCustomerId());
		}
		return DirectField.UNAVAILABLE;
	}

	private static Object knownProduct(Object source, GraphQLContext context) {
		OrderLine line = (OrderLine) source;
		OrderPrefetch prefetch = prefetch(context);
		if (prefetch != null && prefetch.hasProduct(line.getProductId())) {
			return visible(prefetch.product(line.getProductId()), context.get(Caller.CONTEXT_KEY));
		}
		return DirectField.UNAVAILABLE;
	}

	private static OrderPrefetch prefetch(GraphQLContext context) {
		return OrderPrefetch.in(context).orElse(null);
	}

	private Map<Order, List<OrderLine>> lines(Set<Order> orders) {
		return OrderFieldsController.byOrder(orders, queries.lines(orders.stream().map(Order::getId).toList()));
	}

	private Map<Order, Customer> customers(Set<Order> orders) {
		List<UUID> ids = orders.stream().map(Order::getCustomerId).filter(Objects::nonNull).distinct().toList();
		Map<UUID, Customer> byId = customers.findAllById(ids);
		Map<Order, Customer> result = new HashMap<>();
		orders.forEach(o -> {
			Customer customer = (o.getCustomerId() == null) ? null : byId.get(o.getCustomerId());
			if (customer != null) {
				result.put(o, customer);
			}
		});
		return result;
	}

	/** The product as the caller may see it now: hidden or archived products only for product managers. */
	private Map<OrderLine, Product> products(Set<OrderLine> lines, Caller caller) {
		Map<UUID, Product> byId = catalog.findProducts(lines.stream().map(OrderLine::getProductId).distinct().toList());
		Map<OrderLine, Product> result = new HashMap<>();
		for (OrderLine line : lines) {
			Product product = visible(byId.get(line.getProductId()), caller);
			if (product != null) {
				result.put(line, product);
			}
		}
		return result;
	}

	private static Product visible(Product product, Caller caller) {
		boolean seesAll = caller != null && caller.hasPermission(Permission.MANAGE_PRODUCTS);
		return (product != null && (seesAll || product.isPublic())) ? product : null;
	}

	private static Caller caller(BatchLoaderEnvironment env) {
		return (env.getContext() instanceof GraphQLContext context) ? context.get(Caller.CONTEXT_KEY) : null;
	}

}
