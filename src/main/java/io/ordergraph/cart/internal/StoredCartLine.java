package io.ordergraph.cart.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A product and how many of it in a customer's cart. Prices are not kept: a cart always shows today's price. */
@Entity
@Table(name = "cart_line")
public class StoredCartLine {

	@Id
	private UUID id;

	private UUID customerId;

	private UUID productId;

	private int quantity;

	private Instant addedAt;

	private Instant updatedAt;

	protected StoredCartLine() {
	}

	public StoredCartLine(UUID customerId, UUID productId, int quantity) {
		this.id = UUID.randomUUID();
		this.customerId = customerId;
		this.productId = productId;
		this.quantity = quantity;
		this.addedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.updatedAt = addedAt;
	}

	public UUID getId() {
		return id;
	}

	public UUID getCustomerId() {
		return customerId;
	}

	public UUID getProductId() {
		return productId;
	}

	public int getQuantity() {
		return quantity;
	}

	public Instant getAddedAt() {
		return addedAt;
	}

	public void quantity(int quantity) {
		this.quantity = quantity;
		// microseconds, as PostgreSQL keeps them, so the answer of a change equals what a later read shows
		this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
