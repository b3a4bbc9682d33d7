package io.ordergraph.catalog;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.ordergraph.platform.db.Row;
import io.ordergraph.platform.graphql.Money;
import io.ordergraph.platform.graphql.NodeSource;

/**
 * Something for sale. Never deleted: archived instead, so orders that name it keep their history. Other modules
 * may read it (e.g. to show it on an order line) but change it only through {@link CatalogService}.
 */
@Entity
@Table(name = "product")
public class Product implements NodeSource {

	/**
	 * The {@code product} table for another module's joined statement (e.g. an order page that reads its products in
	 * the same statement): every column, as {@link #Product(Row)} reads them.
	 */
	public static final Row.Table<Product> ROWS = new Row.Table<>(
			List.of("id", "name", "description", "price_amount", "price_currency", "stock",
			"visible", "archived_at", "idempotency_subject", "idempotency_key", "idempotency_hash", "created_at",
			"updated_at", "version"), Product::new);

	@Id
	private UUID id;

	private String name;

	private String description;

	private BigDecimal priceAmount;

	private String priceCurrency;

	/**
	 * Written on insert only: every later change is an atomic conditional SQL update (see ProductRepository), so a
	 * concurrent edit of the name can never write back a stale stock.
	 */
	@Column(updatable = false)
	private int stock;

	private boolean visible;

	private Instant archivedAt;

	private String idempotencySubject;

	private String idempotencyKey;

	private String idempotencyHash;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected Product() {
	}

	/** A row read by another module's joined statement ({@link #ROWS}): a read-only copy, not managed. */
	Product(Row row) throws SQLException {
		this.id = row.uuid("id");
		this.name = row.string("name");
		this.description = row.string("description");
		this.priceAmount = row.decimal("price_amount");
		this.priceCurrency = row.string("price_currency");
		this.stock = row.integer("stock");
		this.visible = row.bool("visible");
		this.archivedAt = row.instant("archived_at");
		this.idempotencySubject = row.string("idempotency_subject");
		this.idempotencyKey = row.string("idempotency_key");
		this.idempotencyHash = row.string("idempotency_hash");
		this.createdAt = row.instant("created_at");
		this.updatedAt = row.instant("updated_at");
		this.version = row.bigint("version");
	}

	Product(ProductDraft draft, Idempotency idempotency) {
		this.id = UUID.randomUUID();
		this.name = draft.name();
		this.description = draft.description();
		this.priceAmount = draft.price().amount();
		this.priceCurrency = draft.price().currency();
		this.stock = draft.stock();
		this.visible = draft.visible();
		if (idempotency != null) {
			this.idempotencySubject = idempotency.subject();
			this.idempotencyKey = idempotency.key();
			this.idempotencyHash = idempotency.hash();
		}
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
	}

	/** Who created a product with which idempotency key, and a hash of the input it came with. */
	record Idempotency(String subject, String key, String hash) {
	}

	@Override
	public UUID getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public String getDescription() {
		return description;
	}

	public Money getPrice() {
		return new Money(priceAmount, priceCurrency);
	}

	/** Stock on hand; never below zero. */
	public int getStock() {
		return stock;
	}

	public boolean isVisible() {
		return visible;
	}

	public boolean isArchived() {
		return archivedAt != null;
	}

	public Instant getArchivedAt() {
		return archivedAt;
	}

	/** Whether the public (anyone, even without a token) may see this product. */
	public boolean isPublic() {
		return visible && archivedAt == null;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	String getIdempotencyHash() {
		return idempotencyHash;
	}

	void rename(String name) {
		this.name = name;
		touch();
	}

	void describe(String description) {
		this.description = description;
		touch();
	}

	void reprice(Money price) {
		this.priceAmount = price.amount();
		this.priceCurrency = price.currency();
		touch();
	}

	void setVisible(boolean visible) {
		this.visible = visible;
		touch();
	}

	void archive() {
		if (archivedAt == null) {
			archivedAt = Instant.now();
			touch();
		}
	}

	private void touch() {
		this.updatedAt = Instant.now();
	}

}
