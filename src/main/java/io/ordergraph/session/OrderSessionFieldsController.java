package io.ordergraph.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderQueries;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.platform.security.Viewer;

/** Fields of {@code OrderSession} (and the session on {@code Viewer} and {@code Order}). */
@Controller
class OrderSessionFieldsController {

	private final OrderSessions sessions;

	private final OrderQueries orders;

	private final Bills bills;

	OrderSessionFieldsController(OrderSessions sessions, OrderQueries orders, Bills bills) {
		this.sessions = sessions;
		this.orders = orders;
		this.bills = bills;
	}

	@SchemaMapping(typeName = "OrderSession")
	String joinCode(OrderSession session, @ContextValue Caller caller) {
		return caller.hasPermission(Permission.MANAGE_SESSIONS) ? session.getJoinCode() : null;
	}

	@SchemaMapping(typeName = "OrderSession")
	String joinUrl(OrderSession session, @ContextValue Caller caller) {
		return caller.hasPermission(Permission.MANAGE_SESSIONS) ? sessions.joinUrl(session) : null;
	}

	/** GraphQL type {@code OrderSessionQrCode}; the images are rendered only when asked for. */
	record QrCode(String url, String label, int size) {
	}

	@SchemaMapping(typeName = "OrderSession")
	QrCode qrCode(OrderSession session, @Argument Integer size, @ContextValue Caller caller) {
		if (!caller.hasPermission(Permission.MANAGE_SESSIONS) || session.isClosed()) {
			return null;
		}
		return new QrCode(sessions.joinUrl(session), session.getLabel(), QrCodes.size(size));
	}

	@SchemaMapping(typeName = "OrderSessionQrCode")
	String svg(QrCode code) {
		return QrCodes.svg(code.url(), code.label(), code.size());
	}

	@SchemaMapping(typeName = "OrderSessionQrCode")
	String pngDataUrl(QrCode code) {
		return QrCodes.pngDataUrl(code.url(), code.size());
	}

	@BatchMapping(typeName = "OrderSession")
	Map<OrderSession, List<OrderSessionGuest>> guests(List<OrderSession> list) {
		Map<UUID, List<OrderSessionGuest>> byId = sessions.guests(list.stream().map(OrderSession::getId).toList());
		Map<OrderSession, List<OrderSessionGuest>> result = new LinkedHashMap<>();
		list.forEach(s -> result.put(s, byId.get(s.getId())));
		return result;
	}

	@SchemaMapping(typeName = "OrderSessionGuest")
	String id(OrderSessionGuest guest) {
		return GlobalId.encode("OrderSessionGuest", guest.getId());
	}

	@SchemaMapping(typeName = "OrderSession")
	Connection<Order> orders(OrderSession session, @Argument Integer first, @Argument String after,
			@Argument Integer last, @Argument String before) {
		// only reached for a session the caller may see
		return orders.listForSession(session.getId(), new Paging(first, after, last, before));
	}

	@SchemaMapping(typeName = "OrderSession")
	Bill bill(OrderSession session) {
		return bills.of(session);
	}

	@SchemaMapping(typeName = "Viewer")
	OrderSession orderSession(Viewer viewer, @ContextValue Caller caller) {
		return caller.isGuest() ? sessions.find(caller.sessionId(), caller).orElse(null) : null;
	}

	@BatchMapping(typeName = "Order", field = "session")
	Map<Order, OrderSession> session(List<Order> list, @ContextValue Caller caller) {
		Map<UUID, OrderSession> byId = sessions.byIds(list.stream()
			.map(Order::getSessionId)
			.filter(Objects::nonNull)
			.filter(id -> OrderSessions.mayRead(id, caller))
			.distinct()
			.toList());
		Map<Order, OrderSession> result = new LinkedHashMap<>();
		list.forEach(o -> result.put(o, o.getSessionId() == null ? null : byId.get(o.getSessionId())));
		return result;
	}

}
