package io.ordergraph.integration.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.integration.IntegrationProperties;
import io.ordergraph.integration.IntegratorService;
import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderEvents;
import io.ordergraph.ordering.OrderLine;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.ordering.OrderingProperties;
import io.ordergraph.platform.events.DomainEvent;
import io.ordergraph.platform.events.DomainEventHandler;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * Writes, inside the order change's own transaction, one PENDING delivery per active integrator that wants the
 * event, with the body in seed 001's shape (user, seller, order with items) plus the event and our order number and
 * status. The body is fixed at that moment: a retry sends exactly the same bytes.
 */
@Component
class DeliveryOutbox implements DomainEventHandler {

	private static final Caller SYSTEM = new Caller("ordergraph-integrations", "Integrations", null, Set.of(), true,
			Set.of(Permission.MANAGE_ORDERS), null);

	private final JdbcTemplate jdbc;

	private final OrderQueries orders;

	private final CustomerService customers;

	private final OrderingProperties ordering;

	private final IntegrationProperties properties;

	private final JsonMapper json;

	private final IntegratorService.IntegrationWake wake;

	DeliveryOutbox(JdbcTemplate jdbc, OrderQueries orders, CustomerService customers, OrderingProperties ordering,
			IntegrationProperties properties, JsonMapper json, IntegratorService.IntegrationWake wake) {
		this.jdbc = jdbc;
		this.orders = orders;
		this.customers = customers;
		this.ordering = ordering;
		this.properties = properties;
		this.json = json;
		this.wake = wake;
	}

	@Override
	public void handle(DomainEvent event) {
		if (!OrderEvents.AGGREGATE.equals(event.aggregateType())) {
			return;
		}
		String type = type(event);
		if (type == null) {
			return;
		}
		List<UUID> integrators = jdbc.queryForList("select id from integrator where active and (',' || events || ',')"
				+ " like ?", UUID.class, "%," + type + ",%");
		if (integrators.isEmpty()) {
			return;
		}
		Optional<Order> order = Optional.ofNullable(orders.findAll(List.of(event.aggregateId()), SYSTEM)
			.get(event.aggregateId()));
		if (order.isEmpty()) {
			return;
		}
		UUID eventId = UUID.randomUUID();
		Instant now = Instant.now();
		String body = json.writeValueAsString(body(eventId, type, now, event, order.get()));
		Timestamp at = Timestamp.from(now);
		for (UUID integrator : integrators) {
			jdbc.update("insert into integrator_delivery (id, integrator_id, order_id, ordering_key, event_id, event_type,"
					+ " body, status, next_attempt_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)",
					UUID.randomUUID(), integrator, event.aggregateId(), integrator + "/" + event.aggregateId(), eventId,
					type, body, at, at, at);
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wake.wake();
				}
			});
		}
	}

	private Map<String, Object> body(UUID eventId, String type, Instant at, DomainEvent event, Order order) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("event", Map.of("id", eventId.toString(), "type", type, "time", at.toString()));
		Optional<Customer> customer = Optional.ofNullable(order.getCustomerId()).flatMap(customers::findById);
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("id", customer.map(c -> c.getId().toString()).orElse(""));
		user.put("phone", customer.map(Customer::getPhone).orElse(""));
		user.put("name", customer.map(Customer::getName).orElse(""));
		user.put("email", customer.map(Customer::getEmail).orElse(""));
		user.put("lat", "");
		user.put("lng", "");
		body.put("user", user);
		OrderingProperties.Seller shop = ordering.seller();
		Map<String, Object> seller = new LinkedHashMap<>();
		seller.put("id", properties.sellerId());
		seller.put("phone", nz(shop.phone()));
		seller.put("name", nz(shop.name()));
		seller.put("email", nz(shop.email()));
		seller.put("lat", "");
		seller.put("lng", "");
		body.put("seller", seller);
		List<Map<String, Object>> items = new ArrayList<>();
		for (OrderLine line : orders.lines(List.of(order.getId())).getOrDefault(order.getId(), List.of())) {
			items.add(Map.of("id", line.getProductId().toString(), "name", line.getProductName(), "quantity",
					String.valueOf(line.getQuantity())));
		}
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("id", order.getId().toString());
		detail.put("number", order.getNumber());
		detail.put("status", order.getStatus().name());
		detail.put("datetime", order.getPlacedAt() == null ? "" : order.getPlacedAt().atZone(ZoneId.of(properties.timezone()))
			.toOffsetDateTime().toString());
		detail.put("timezone", properties.timezone());
		detail.put("user_note", nz(order.getNote()));
		detail.put("items", items);
		if (event.data().get("note") != null) {
			detail.put("status_note", event.data().get("note"));
		}
		body.put("order", detail);
		return body;
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

	static String type(DomainEvent event) {
		return switch (event.type()) {
			case OrderEvents.PLACED -> "ORDER_PLACED";
			case OrderEvents.LINES_CHANGED -> "ORDER_LINES_CHANGED";
			case OrderEvents.STATUS_CHANGED -> "CANCELLED".equals(event.data().get("status")) ? "ORDER_CANCELLED"
					: "ORDER_STATUS_CHANGED";
			default -> null;
		};
	}

}
