package io.ordergraph.cart.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The row of a customer's cart. It holds little besides when it last changed; it exists so that every change of one
 * cart can lock it first and so happen one after another (see {@link CartRepository#findForUpdate}).
 */
@Entity
@Table(name = "cart")
public class StoredCart {

	@Id
	private UUID customerId;

	private Instant createdAt;

	private Instant updatedAt;

	protected StoredCart() {
	}

	public UUID getCustomerId() {
		return customerId;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public void touch() {
		// microseconds, as PostgreSQL keeps them, so the answer of a change equals what a later read shows
		this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
