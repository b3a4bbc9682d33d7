package io.ordergraph.ordering;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;

import io.ordergraph.catalog.Product;
import io.ordergraph.customer.Customer;

/**
 * What a page of orders' children are, read by the root field in the same statement as the page itself
 * ({@link OrderPage}: one round trip per request instead of one per batch loader), for {@link OrderChildren} to answer
 * from without SQL. Kept in the request's GraphQL context; a child that is not here is batch-loaded.
 */
final class OrderPrefetch {

	private static final String KEY = OrderPrefetch.class.getName();

	/** Which children of the page's orders the query selects. */
	record Include(boolean customers, boolean lines, boolean products, boolean totalCount) {

		static final Include NOTHING = new Include(false, false, false, false);

		static Include of(DataFetchingFieldSelectionSet selection) {
			if (selection == null) {
				return NOTHING;
			}
			boolean lines = selection.contains("edges/node/lines");
			return new Include(selection.contains("edges/node/customer"), lines,
					lines && selection.contains("edges/node/lines/product"), selection.contains("totalCount"));
		}

	}

	private final Map<UUID, List<OrderLine>> lines = new ConcurrentHashMap<>();

	private final Map<UUID, Optional<Customer>> customers = new ConcurrentHashMap<>();

	private final Map<UUID, Optional<Product>> products = new ConcurrentHashMap<>();

	static OrderPrefetch of(GraphQLContext context) {
		return context.computeIfAbsent(KEY, key -> new OrderPrefetch());
	}

	/** The prefetch of this request, if any was made. */
	static Optional<OrderPrefetch> in(GraphQLContext context) {
		return (context == null) ? Optional.empty() : Optional.ofNullable(context.get(KEY));
	}

	void lines(Map<UUID, List<OrderLine>> byOrder) {
		lines.putAll(byOrder);
	}

	void customers(Collection<UUID> asked, Map<UUID, Customer> found) {
		asked.forEach(id -> customers.put(id, Optional.ofNullable(found.get(id))));
	}

	void products(Collection<UUID> asked, Map<UUID, Product> found) {
		asked.forEach(id -> products.put(id, Optional.ofNullable(found.get(id))));
	}

	/** This order's lines, or null unless they were prefetched. */
	List<OrderLine> linesOf(UUID orderId) {
		return lines.get(orderId);
	}

	/** Whether this customer was prefetched (found or not). */
	boolean hasCustomer(UUID customerId) {
		return customers.containsKey(customerId);
	}

	/** The prefetched customer, or null if none was found (or none prefetched: see {@link #hasCustomer}). */
	Customer customer(UUID customerId) {
		return customers.getOrDefault(customerId, Optional.empty()).orElse(null);
	}

	boolean hasProduct(UUID productId) {
		return products.containsKey(productId);
	}

	Product product(UUID productId) {
		return products.getOrDefault(productId, Optional.empty()).orElse(null);
	}

}
