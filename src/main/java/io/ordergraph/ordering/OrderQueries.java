package io.ordergraph.ordering;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.ordergraph.customer.CustomerService;
import io.ordergraph.ordering.internal.OrderLineRepository;
import io.ordergraph.ordering.internal.OrderRepository;
import io.ordergraph.ordering.internal.OrderStatusChangeRepository;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** Reads orders: staff with MANAGE_ORDERS see every order, a customer only their own. */
@Service
@Transactional(readOnly = true)
public class OrderQueries {

	private static final int MAX_SEARCHED_CUSTOMERS = 500;

	private final OrderRepository orders;

	private final OrderLineRepository lines;

	private final OrderStatusChangeRepository history;

	private final OrderAccess access;

	private final CustomerService customers;

	private final OrderPage page;

	OrderQueries(OrderRepository orders, OrderLineRepository lines, OrderStatusChangeRepository history,
			OrderAccess access, CustomerService customers, OrderPage page) {
		this.orders = orders;
		this.lines = lines;
		this.history = history;
		this.access = access;
		this.customers = customers;
		this.page = page;
	}

	/**
	 * @param statuses only these statuses
	 * @param customerId only this customer's orders (staff)
	 * @param placedFrom placed at or after
	 * @param placedTo placed before
	 * @param search text in the order number or the customer's name, code, phone or email
	 * @param includeArchived also archived orders (staff)
	 */
	public record OrderFilter(List<OrderStatus> statuses, UUID customerId, OffsetDateTime placedFrom,
			OffsetDateTime placedTo, String search, Boolean includeArchived) {
	}

	/**
	 * A page of orders, newest first, and the children the query selects (customers, lines, their products), read in
	 * one statement ({@link OrderPage}) and left in {@code into} for the fields of this request. Staff with
	 * MANAGE_ORDERS see every order, a customer only their own. No transaction: the page is a single statement.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	Connection<Order> list(OrderFilter filter, Paging paging, Caller caller, OrderPrefetch.Include include,
			OrderPrefetch into) {
		caller.requireSubject();
		OrderFilter f = (filter == null) ? new OrderFilter(null, null, null, null, null, null) : filter;
		UUID onlyCustomer;
		if (caller.hasPermission(Permission.MANAGE_ORDERS)) {
			onlyCustomer = f.customerId();
		}
		else if (caller.hasRole(Caller.ROLE_CUSTOMER)) {
			Optional<UUID> own = access.ownCustomerId(caller);
			if (own.isEmpty() || (f.customerId() != null && !f.customerId().equals(own.get()))) {
				return Connection.of(List.of(), 0, 0);
			}
			onlyCustomer = own.get();
		}
		else {
			throw new ForbiddenException("Listing orders needs the role customer or the permission MANAGE_ORDERS");
		}
		List<UUID> searchedCustomers = (f.search() == null || f.search().isBlank()) ? List.of()
				: customers.idsMatching(f.search(), MAX_SEARCHED_CUSTOMERS);
		OrderPage.Where where = new OrderPage.Where(Boolean.TRUE.equals(f.includeArchived()), onlyCustomer,
				f.statuses(), f.placedFrom(), f.placedTo(), f.search(), searchedCustomers);
		Connection<Order> page = paging.query(this.page.rows(where, include, into));
		if (include.totalCount()) {
			// counted now, while the request's connection is at hand, rather than when the field is resolved
			page.totalCount();
		}
		return page;
	}

	/** The orders of a table session, oldest first; the session module decides who may ask. */
	public Connection<Order> listForSession(UUID sessionId, Paging paging) {
		Specification<Order> spec = (root, query, cb) -> cb.equal(root.get("sessionId"), sessionId);
		return paging.query(orders, spec, Sort.by(Sort.Direction.ASC, "placedAt", "id"));
	}

	/** Every order of a table session, oldest first (its bill); the session module decides who may ask. */
	public List<Order> allOfSession(UUID sessionId) {
		Specification<Order> spec = (root, query, cb) -> cb.equal(root.get("sessionId"), sessionId);
		return orders.findAll(spec, Sort.by(Sort.Direction.ASC, "placedAt", "id"));
	}

	/** Several orders by id, whoever may see them; the session module decides who may ask. */
	public List<Order> findAllById(Collection<UUID> ids) {
		return orders.findAllById(ids);
	}

	public Optional<Order> find(UUID id, Caller caller) {
		return orders.findById(id).filter(order -> access.canSee(order, caller));
	}

	/** Several orders in one query, keyed by id; those the caller may not see are left out. */
	public Map<UUID, Order> findAll(Collection<UUID> ids, Caller caller) {
		Map<UUID, Order> result = new LinkedHashMap<>();
		orders.findAllById(ids).stream().filter(order -> access.canSee(order, caller))
			.forEach(order -> result.put(order.getId(), order));
		return result;
	}

	public Order get(UUID id, Caller caller) {
		caller.requireSubject();
		return find(id, caller).orElseThrow(() -> new NotFoundException("Order not found"));
	}

	public Optional<OrderLine> findLine(UUID lineId, Caller caller) {
		return lines.findById(lineId).filter(line -> find(line.getOrderId(), caller).isPresent());
	}

	/** Orders neither fulfilled, rejected nor cancelled (seed 003), for staff with MANAGE_ORDERS. */
	public long pendingFulfilmentCount(Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		return countPendingFulfilment();
	}

	/** The same count for whoever was checked before: the live count shared by every subscriber. */
	long countPendingFulfilment() {
		return orders.countByStatusInAndArchivedFalse(OrderStatus.OPEN);
	}

	/** The lines of several orders in one query. */
	public Map<UUID, List<OrderLine>> lines(Collection<UUID> orderIds) {
		return group(orderIds, lines.findByOrderIdInOrderByOrderIdAscPositionAsc(orderIds), OrderLine::getOrderId);
	}

	/** The status history of several orders in one query, oldest first. */
	public Map<UUID, List<OrderStatusChange>> history(Collection<UUID> orderIds) {
		return group(orderIds, history.findByOrderIdInOrderBySeqAsc(orderIds), OrderStatusChange::getOrderId);
	}

	private static <T> Map<UUID, List<T>> group(Collection<UUID> ids, List<T> rows,
			java.util.function.Function<T, UUID> key) {
		Map<UUID, List<T>> byId = rows.stream()
			.collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
		Map<UUID, List<T>> result = new LinkedHashMap<>();
		ids.forEach(id -> result.put(id, byId.getOrDefault(id, List.of())));
		return result;
	}

}
