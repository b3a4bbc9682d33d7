package io.ordergraph.ordering;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.catalog.CatalogService;
import io.ordergraph.catalog.ProductView;
import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.ordering.internal.OrderLineRepository;
import io.ordergraph.ordering.internal.OrderRepository;
import io.ordergraph.ordering.internal.OrderStatusChangeRepository;
import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * Places orders: a customer for themself, staff with MANAGE_ORDERS for any customer (an offline shopper at the
 * counter). Stock is taken with conditional updates in the order's transaction, so under any concurrency stock never
 * goes negative and an order either gets all its stock or changes nothing.
 */
@Service
public class OrderPlacement {

	static final int MAX_LINES = 100;

	static final int MAX_QUANTITY = 10_000;

	private final OrderRepository orders;

	private final OrderLineRepository lines;

	private final OrderStatusChangeRepository history;

	private final CatalogService catalog;

	private final CustomerService customers;

	private final OrderEvents events;

	private final OrderingProperties properties;

	private final TransactionTemplate transactions;

	OrderPlacement(OrderRepository orders, OrderLineRepository lines, OrderStatusChangeRepository history,
			CatalogService catalog, CustomerService customers, OrderEvents events, OrderingProperties properties,
			TransactionTemplate transactions) {
		this.orders = orders;
		this.lines = lines;
		this.history = history;
		this.catalog = catalog;
		this.customers = customers;
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
	}

	public record LineRequest(UUID productId, int quantity) {
	}

	/**
	 * @param customerId whose order (staff: required; customers: omitted or their own)
	 * @param onPlaced runs in the order's transaction once it is placed (checkout clears the cart there)
	 * @param fingerprint what the idempotency key is stored with and compared to on reuse; null for the fingerprint
	 * of this request's customer, lines and note (a mutation whose request is not the lines, like checkout, gives its
	 * own)
	 */
	public record PlaceOrder(UUID customerId, List<LineRequest> lines, String idempotencyKey, String note,
			Runnable onPlaced, String fingerprint) {

		public PlaceOrder(UUID customerId, List<LineRequest> lines, String idempotencyKey, String note,
				Runnable onPlaced) {
			this(customerId, lines, idempotencyKey, note, onPlaced, null);
		}

	}

	/**
	 * Places an order into a table session (no customer). The session module authorizes the caller and holds the
	 * session open for the transaction it calls this in; stock, idempotency and events are as for any order.
	 */
	public OrderPayload placeInSession(UUID sessionId, List<LineRequest> requested, String idempotencyKey,
			String requestedNote, Caller caller) {
		caller.requireSubject();
		InputErrors errors = new InputErrors();
		String note = errors.text(requestedNote, 500, false, "input", "note");
		String key = errors.text(idempotencyKey, 100, false, "input", "idempotencyKey");
		Map<UUID, Integer> merged = mergeLines(requested, errors);
		if (errors.any()) {
			return OrderPayload.failed(errors.list());
		}
		String hash = hash(sessionId, merged, note);
		if (key != null) {
			Optional<OrderPayload> replay = replay(caller.subject(), key, hash);
			if (replay.isPresent()) {
				return replay.get();
			}
		}
		return transactions.execute(tx -> {
			OrderPayload payload = placeNow(null, sessionId, merged, note, Actor.of(caller), key, caller.subject(), hash,
					null);
			if (!payload.errors().isEmpty()) {
				tx.setRollbackOnly();
			}
			return payload;
		});
	}

	public OrderPayload place(PlaceOrder input, Caller caller) {
		caller.requireSubject();
		boolean staff = caller.hasPermission(Permission.MANAGE_ORDERS);
		if (!staff && !caller.hasRole(Caller.ROLE_CUSTOMER)) {
			throw new ForbiddenException("Placing orders needs the role customer or the permission MANAGE_ORDERS");
		}
		InputErrors errors = new InputErrors();
		String note = errors.text(input.note(), 500, false, "input", "note");
		String key = errors.text(input.idempotencyKey(), 100, false, "input", "idempotencyKey");
		Map<UUID, Integer> merged = mergeLines(input.lines(), errors);
		// one transaction for the customer's lookup, the idempotency check and the order (not one each)
		String[] hash = new String[1];
		try {
			return transactions.execute(tx -> {
				UUID customerId = customer(input.customerId(), staff, caller, errors);
				if (errors.any()) {
					tx.setRollbackOnly();
					return OrderPayload.failed(errors.list());
				}
				hash[0] = (input.fingerprint() != null) ? input.fingerprint() : hash(customerId, merged, note);
				if (key != null) {
					Optional<OrderPayload> replay = replay(caller.subject(), key, hash[0]);
					if (replay.isPresent()) {
						return replay.get();
					}
				}
				OrderPayload payload = placeNow(customerId, null, merged, note, Actor.of(caller), key, caller.subject(),
						hash[0], input.onPlaced());
				if (!payload.errors().isEmpty()) {
					tx.setRollbackOnly();
				}
				return payload;
			});
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent request with the same idempotency key won the race
			if (key == null || hash[0] == null) {
				throw ex;
			}
			return replay(caller.subject(), key, hash[0]).orElseThrow(() -> ex);
		}
	}

	/**
	 * The order the caller placed with this idempotency key, if any. Lets checkout answer a retry after the first
	 * attempt emptied the cart: {@link #place} validates its lines before it looks at the key, and the lines of an
	 * empty cart are no order.
	 */
	public Optional<Order> findByIdempotencyKey(Caller caller, String key) {
		if (!caller.authenticated() || key == null || key.isBlank()) {
			return Optional.empty();
		}
		return orders.findByIdempotencySubjectAndIdempotencyKey(caller.subject(), key.strip());
	}

	private Optional<OrderPayload> replay(String subject, String key, String hash) {
		return orders.findByIdempotencySubjectAndIdempotencyKey(subject, key)
			.map(existing -> hash.equals(existing.getRequestHash()) ? OrderPayload.ok(existing)
					: keyReused());
	}

	static OrderPayload keyReused() {
		return OrderPayload.failed("IDEMPOTENCY_KEY_REUSED",
				"This idempotency key was already used for a different request; use a new key for a new order.",
				"input", "idempotencyKey");
	}

	private OrderPayload placeNow(UUID customerId, UUID sessionId, Map<UUID, Integer> wanted, String note, Actor actor, String key,
			String subject, String hash, Runnable onPlaced) {
		InputErrors errors = new InputErrors();
		List<UUID> productIds = new ArrayList<>(wanted.keySet());
		Map<UUID, ProductView> products = new LinkedHashMap<>();
		String currency = null;
		for (int i = 0; i < productIds.size(); i++) {
			UUID productId = productIds.get(i);
			Optional<ProductView> product = catalog.findForOrdering(productId)
				.filter(ProductView::orderable);
			if (product.isEmpty()) {
				errors.addMessage("PRODUCT_UNAVAILABLE", unavailable(productId), "input", "lines", String.valueOf(i),
						"productId");
				continue;
			}
			products.put(productId, product.get());
			if (currency == null) {
				currency = product.get().price().currency();
			}
			else if (!currency.equals(product.get().price().currency())) {
				errors.add("MIXED_CURRENCY", "is priced in " + product.get().price().currency() + ", the order in " + currency,
						"input", "lines", String.valueOf(i), "productId");
			}
		}
		if (errors.any()) {
			return OrderPayload.failed(errors.list());
		}
		String number = String.format("OG-%06d", orders.nextNumber());
		// Take stock in a fixed (id) order, so that two orders for the same products cannot deadlock.
		List<UUID> lockOrder = productIds.stream().sorted(Comparator.naturalOrder()).toList();
		for (UUID productId : lockOrder) {
			if (!catalog.takeStock(productId, wanted.get(productId), "Order " + number)) {
				int index = productIds.indexOf(productId);
				return OrderPayload.failed("OUT_OF_STOCK", "is more than the " + products.get(productId).name()
						+ " in stock", "input", "lines", String.valueOf(index), "quantity");
			}
		}
		Order order = new Order(number, customerId, currency,
				properties.taxRate(), note, actor);
		order.session(sessionId);
		if (key != null) {
			order.idempotency(subject, key, hash);
		}
		BigDecimal subtotal = BigDecimal.ZERO;
		List<OrderLine> orderLines = new ArrayList<>();
		int position = 0;
		for (UUID productId : productIds) {
			ProductView product = products.get(productId);
			OrderLine line = new OrderLine(order.getId(), position++, productId, product.name(), product.price().amount(),
					product.price().currency(), wanted.get(productId));
			subtotal = subtotal.add(line.amount());
			orderLines.add(line);
		}
		order.subtotal(subtotal);
		orders.saveAndFlush(order);
		lines.saveAll(orderLines);
		history.save(new OrderStatusChange(order.getId(), null, OrderStatus.PLACED, actor, note));
		events.publish(OrderEvents.PLACED, order, null, note);
		if (onPlaced != null) {
			onPlaced.run();
		}
		return OrderPayload.ok(order);
	}

	/**
	 * Names the product by its id: a product not on sale may be hidden, and its name is not the caller's to see
	 * (checkout names it from the cart, where the customer saw it).
	 */
	static String unavailable(UUID productId) {
		return "The product " + io.ordergraph.platform.graphql.GlobalId.encode("Product", productId)
				+ " is not on sale (it is hidden, archived or unknown).";
	}

	/** Merges lines of the same product, in first-seen order; records bad quantities. */
	private static Map<UUID, Integer> mergeLines(List<LineRequest> requested, InputErrors errors) {
		Map<UUID, Integer> merged = new LinkedHashMap<>();
		if (requested == null || requested.isEmpty()) {
			errors.add(InputErrors.INVALID_INPUT, "must have at least one line", "input", "lines");
			return merged;
		}
		if (requested.size() > MAX_LINES) {
			errors.add(InputErrors.INVALID_INPUT, "must have at most " + MAX_LINES + " lines", "input", "lines");
			return merged;
		}
		for (int i = 0; i < requested.size(); i++) {
			LineRequest line = requested.get(i);
			if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
				errors.add(InputErrors.INVALID_INPUT, "must be between 1 and " + MAX_QUANTITY, "input", "lines",
						String.valueOf(i), "quantity");
				continue;
			}
			if (merged.merge(line.productId(), line.quantity(), Integer::sum) > MAX_QUANTITY) {
				errors.add(InputErrors.INVALID_INPUT, "adds up to more than " + MAX_QUANTITY + " of one product",
						"input", "lines", String.valueOf(i), "quantity");
			}
		}
		return merged;
	}

	private UUID customer(UUID requested, boolean staff, Caller caller, InputErrors errors) {
		if (staff && requested != null) {
			Optional<Customer> customer = customers.findById(requested).filter(c -> !c.isDeleted());
			if (customer.isEmpty()) {
				errors.add("CUSTOMER_NOT_FOUND", "is not a customer", "input", "customerId");
				return null;
			}
			return requested;
		}
		Optional<Customer> own = customers.findBySubject(caller.subject());
		if (own.isEmpty()) {
			errors.add(staff ? InputErrors.INVALID_INPUT : "CUSTOMER_NOT_REGISTERED",
					staff ? "is required when ordering for a customer" : "register as a customer before ordering",
					"input", "customerId");
			return null;
		}
		if (requested != null && !requested.equals(own.get().getId())) {
			throw new ForbiddenException("Customers can only order for themselves");
		}
		return own.get().getId();
	}

	private static String hash(UUID customerId, Map<UUID, Integer> lines, String note) {
		StringBuilder canonical = new StringBuilder().append(customerId).append('|').append(note).append('|');
		lines.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(e -> canonical.append(e.getKey()).append('x').append(e.getValue()).append(';'));
		return sha256(canonical.toString());
	}

	/** SHA-256 of a request's canonical form, in hex: the fingerprint stored with an idempotency key. */
	static String sha256(String canonical) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
