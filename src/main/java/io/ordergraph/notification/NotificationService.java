package io.ordergraph.notification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.notification.internal.SmsMessageRepository;
import io.ordergraph.notification.internal.SmsOutbox;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.graphql.UserError;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** Reading notifications (owners and staff) and resending them (staff). */
@Service
public class NotificationService {

	private final SmsMessageRepository messages;

	private final OrderQueries orders;

	private final CustomerService customers;

	private final SmsOutbox outbox;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	NotificationService(SmsMessageRepository messages, OrderQueries orders, CustomerService customers,
			SmsOutbox outbox, JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.messages = messages;
		this.orders = orders;
		this.customers = customers;
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** The notifications of orders the caller has already been allowed to see, oldest first. */
	public Map<UUID, List<Notification>> forOrders(Collection<UUID> orderIds) {
		Map<UUID, List<Notification>> byOrder = messages.findByOrderIdInOrderBySeqAsc(orderIds)
			.stream()
			.collect(Collectors.groupingBy(Notification::getOrderId, LinkedHashMap::new, Collectors.toList()));
		Map<UUID, List<Notification>> result = new LinkedHashMap<>();
		orderIds.forEach(id -> result.put(id, byOrder.getOrDefault(id, List.of())));
		return result;
	}

	public Map<UUID, Notification> byIds(Collection<UUID> ids) {
		return messages.findAllById(ids).stream().collect(Collectors.toMap(Notification::getId, n -> n));
	}

	/** A notification if the caller is staff with MANAGE_ORDERS or may see its order. */
	public Optional<Notification> find(UUID id, Caller caller) {
		return messages.findById(id).filter(n -> caller.hasPermission(Permission.MANAGE_ORDERS)
				|| (n.getOrderId() != null && orders.find(n.getOrderId(), caller).isPresent()));
	}

	public record SmsFilter(List<NotificationStatus> statuses, OffsetDateTime createdFrom, OffsetDateTime createdTo,
			UUID orderId) {
	}

	/** All SMS messages, newest first, for staff with MANAGE_ORDERS. */
	public Connection<Notification> list(SmsFilter filter, Paging paging, Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		SmsFilter f = filter == null ? new SmsFilter(null, null, null, null) : filter;
		Specification<Notification> spec = (root, query, cb) -> {
			List<Predicate> where = new ArrayList<>();
			if (f.statuses() != null && !f.statuses().isEmpty()) {
				where.add(root.get("status").in(f.statuses()));
			}
			if (f.createdFrom() != null) {
				where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), f.createdFrom().toInstant()));
			}
			if (f.createdTo() != null) {
				where.add(cb.lessThan(root.get("createdAt"), f.createdTo().toInstant()));
			}
			if (f.orderId() != null) {
				where.add(cb.equal(root.get("orderId"), f.orderId()));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
		return paging.query(messages, spec, Sort.by(Sort.Direction.DESC, "createdAt", "id"));
	}

	public record ResendPayload(Notification notification, List<UserError> errors) {
	}

	/**
	 * Sends a notification again as a new message linked to the first (e.g. after UNCERTAIN or FAILED, or when the
	 * customer says it never came), to the customer's current number. Staff with MANAGE_ORDERS only.
	 */
	public ResendPayload resend(UUID id, Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		UUID created;
		try {
			created = transactions.execute(tx -> {
			List<Map<String, Object>> rows = jdbc.queryForList(
					"select status, order_id, order_number, customer_id, event, body from sms_message where id = ? for update",
					id);
			if (rows.isEmpty()) {
				return null;
			}
			Map<String, Object> row = rows.get(0);
			if (NotificationStatus.valueOf((String) row.get("status")).inProgress()) {
				throw new Refusal("NOTIFICATION_IN_PROGRESS",
						"This notification is still queued or being sent; wait for its outcome before resending");
			}
			UUID customerId = (UUID) row.get("customer_id");
			Optional<Customer> customer = Optional.ofNullable(customerId).flatMap(customers::findById);
			String phone = customer.map(Customer::getPhone).orElse(null);
			Optional<String> why = outbox.eligibility(customer.isPresent(), phone);
			if (why.isPresent()) {
				throw new Refusal("NOTIFICATION_NOT_SENDABLE", why.get());
			}
			return outbox.insert((UUID) row.get("order_id"), (String) row.get("order_number"), customerId,
					NotificationEvent.valueOf((String) row.get("event")), phone, (String) row.get("body"), null, id);
			});
		}
		catch (Refusal refusal) {
			return new ResendPayload(null, List.of(UserError.of(refusal.code, refusal.getMessage(), "input", "id")));
		}
		if (created == null) {
			throw new io.ordergraph.platform.graphql.NotFoundException("Notification not found");
		}
		return new ResendPayload(messages.findById(created).orElseThrow(), List.of());
	}

	/** A business refusal of a resend: the transaction rolls back, the payload carries the error. */
	static final class Refusal extends RuntimeException {

		final String code;

		Refusal(String code, String message) {
			super(message, null, false, false);
			this.code = code;
		}

	}

}
