package io.ordergraph.ordering;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.ordergraph.platform.db.NewWithAssignedId;
import io.ordergraph.platform.db.Row;
import io.ordergraph.platform.graphql.NodeSource;

/** An order: who it is for, its status and its totals. Lines and status history are rows of their own. */
@Entity
@Table(name = "customer_order")
public class Order extends NewWithAssignedId implements NodeSource {

	/** The {@code customer_order} table for the order page's statement: every column, as {@link #Order(Row)} reads them. */
	static final Row.Table<Order> ROWS = new Row.Table<>(
			List.of("id", "number", "customer_id", "session_id", "status", "currency",
			"subtotal", "tax_rate", "note", "archived", "placed_by_kind", "placed_by_subject", "placed_at", "updated_at",
			"idempotency_subject", "idempotency_key", "request_hash", "version"), Order::new);

	@Id
	private UUID id;

	private String number;

	private UUID customerId;

	private UUID sessionId;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	private String currency;

	private BigDecimal subtotal;

	private BigDecimal taxRate;

	private String note;

	private boolean archived;

	@Enumerated(EnumType.STRING)
	private ActorKind placedByKind;

	private String placedBySubject;

	private Instant placedAt;

	private Instant updatedAt;

	private String idempotencySubject;

	private String idempotencyKey;

	private String requestHash;

	@Version
	private long version;

	protected Order() {
	}

	/** A row read by the order page's own statement ({@link #ROWS}): not managed by Hibernate. */
	Order(Row row) throws SQLException {
		this.id = row.uuid("id");
		this.number = row.string("number");
		this.customerId = row.uuid("customer_id");
		this.sessionId = row.uuid("session_id");
		this.status = OrderStatus.valueOf(row.string("status"));
		this.currency = row.string("currency");
		this.subtotal = row.decimal("subtotal");
		this.taxRate = row.decimal("tax_rate");
		this.note = row.string("note");
		this.archived = row.bool("archived");
		this.placedByKind = ActorKind.valueOf(row.string("placed_by_kind"));
		this.placedBySubject = row.string("placed_by_subject");
		this.placedAt = row.instant("placed_at");
		this.updatedAt = row.instant("updated_at");
		this.idempotencySubject = row.string("idempotency_subject");
		this.idempotencyKey = row.string("idempotency_key");
		this.requestHash = row.string("request_hash");
		this.version = row.bigint("version");
		loaded();
	}

	Order(String number, UUID customerId, String currency, BigDecimal taxRate, String note, Actor placedBy) {
		this.id = UUID.randomUUID();
		this.number = number;
		this.customerId = customerId;
		this.status = OrderStatus.PLACED;
		this.currency = currency;
		this.subtotal = BigDecimal.ZERO;
		this.taxRate = taxRate;
		this.note = note;
		this.placedByKind = placedBy.kind();
		this.placedBySubject = placedBy.subject();
		this.placedAt = Instant.now();
		this.updatedAt = placedAt;
	}

	void session(UUID sessionId) {
		this.sessionId = sessionId;
	}

	void idempotency(String subject, String key, String requestHash) {
		this.idempotencySubject = subject;
		this.idempotencyKey = key;
		this.requestHash = requestHash;
	}

	void status(OrderStatus status) {
		this.status = status;
		this.updatedAt = Instant.now();
	}

	void subtotal(BigDecimal subtotal) {
		this.subtotal = subtotal;
		this.updatedAt = Instant.now();
	}

	void archive() {
		this.archived = true;
		this.updatedAt = Instant.now();
	}

	@Override
	public UUID getId() {
		return id;
	}

	public String getNumber() {
		return number;
	}

	public UUID getCustomerId() {
		return customerId;
	}

	/** The table session the order was placed in, or null (then it has a customer). */
	public UUID getSessionId() {
		return sessionId;
	}

	public OrderStatus getStatus() {
		return status;
	}

	public String getCurrency() {
		return currency;
	}

	public BigDecimal getSubtotal() {
		return subtotal;
	}

	public BigDecimal getTaxRate() {
		return taxRate;
	}

	public String getNote() {
		return note;
	}

	public boolean isArchived() {
		return archived;
	}

	public ActorKind getPlacedByKind() {
		return placedByKind;
	}

	public Instant getPlacedAt() {
		return placedAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	String getRequestHash() {
		return requestHash;
	}

}
