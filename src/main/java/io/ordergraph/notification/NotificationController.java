package io.ordergraph.notification;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.NodeResolver;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** {@code Order.notifications}, {@code smsMessages}, {@code resendNotification} and the Notification fields. */
@Controller
class NotificationController {

	private final NotificationService notifications;

	private final OrderQueries orders;

	NotificationController(NotificationService notifications, OrderQueries orders) {
		this.notifications = notifications;
		this.orders = orders;
	}

	@Bean
	static NodeResolver notificationNodeResolver(NotificationService notifications) {
		return new NodeResolver() {
			@Override
			public String typeName() {
				return Notification.NODE_TYPE;
			}

			@Override
			public Optional<?> find(UUID id, Caller caller) {
				return notifications.find(id, caller);
			}
		};
	}

	/** The parent orders were already authorized by the query that reached them. */
	@BatchMapping(typeName = "Order")
	Map<Order, List<Notification>> notifications(List<Order> parents) {
		Map<UUID, List<Notification>> byId = notifications.forOrders(parents.stream().map(Order::getId).toList());
		Map<Order, List<Notification>> result = new LinkedHashMap<>();
		parents.forEach(order -> result.put(order, byId.getOrDefault(order.getId(), List.of())));
		return result;
	}

	@SchemaMapping(typeName = "Notification")
	String channel(Notification notification) {
		return "SMS";
	}

	@SchemaMapping(typeName = "Notification")
	String message(Notification notification) {
		return notification.getBody();
	}

	@SchemaMapping(typeName = "Notification")
	String recipient(Notification notification, @ContextValue Caller caller) {
		String number = notification.getRecipient();
		if (number == null || caller.hasPermission(Permission.MANAGE_ORDERS)) {
			return number;
		}
		return mask(number);
	}

	/** +254711000123 → +2547•••••123: enough for the customer to recognise it, too little to harvest. */
	static String mask(String number) {
		if (number.length() <= 7) {
			return "•".repeat(number.length());
		}
		return number.substring(0, 5) + "•".repeat(number.length() - 8) + number.substring(number.length() - 3);
	}

	@BatchMapping(typeName = "Notification")
	Map<Notification, Notification> resentFrom(List<Notification> parents) {
		Map<UUID, Notification> originals = notifications.byIds(parents.stream()
			.map(Notification::getResentFrom)
			.filter(java.util.Objects::nonNull)
			.toList());
		Map<Notification, Notification> result = new LinkedHashMap<>();
		parents.forEach(n -> {
			if (n.getResentFrom() != null && originals.containsKey(n.getResentFrom())) {
				result.put(n, originals.get(n.getResentFrom()));
			}
		});
		return result;
	}

	@BatchMapping(typeName = "Notification")
	Map<Notification, Order> order(List<Notification> parents, @ContextValue Caller caller) {
		Map<UUID, Order> found = orders.findAll(parents.stream()
			.map(Notification::getOrderId)
			.filter(java.util.Objects::nonNull)
			.distinct()
			.toList(), caller);
		Map<Notification, Order> result = new LinkedHashMap<>();
		parents.forEach(n -> {
			if (n.getOrderId() != null && found.containsKey(n.getOrderId())) {
				result.put(n, found.get(n.getOrderId()));
			}
		});
		return result;
	}

	record SmsMessageFilterInput(List<NotificationStatus> statuses, OffsetDateTime createdFrom,
			OffsetDateTime createdTo, String orderId) {
	}

	@QueryMapping
	Connection<Notification> smsMessages(@Argument Integer first, @Argument String after, @Argument Integer last,
			@Argument String before, @Argument SmsMessageFilterInput filter, @ContextValue Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		NotificationService.SmsFilter f = filter == null ? null
				: new NotificationService.SmsFilter(filter.statuses(), filter.createdFrom(), filter.createdTo(),
						filter.orderId() == null ? null : GlobalId.decode(filter.orderId(), "Order"));
		return notifications.list(f, new Paging(first, after, last, before), caller);
	}

	record ResendNotificationInput(String id) {
	}

	@MutationMapping
	NotificationService.ResendPayload resendNotification(@Argument ResendNotificationInput input,
			@ContextValue Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		return notifications.resend(GlobalId.decode(input.id(), Notification.NODE_TYPE), caller);
	}

}
