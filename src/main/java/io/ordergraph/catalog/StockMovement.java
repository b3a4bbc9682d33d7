package io.ordergraph.catalog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a product's stock: how much, why, by whom (null when no person: e.g. an order) and when. */
@Entity
@Table(name = "stock_movement")
public class StockMovement {

	// an identity, not a UUID: newest first is then simply id descending
	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private UUID productId;

	private int delta;

	private String reason;

	private String subject;

	@Column(name = "moved_at")
	private Instant at;

	protected StockMovement() {
	}

	StockMovement(UUID productId, int delta, String reason, String subject) {
		this.productId = productId;
		this.delta = delta;
		this.reason = reason;
		this.subject = subject;
		this.at = Instant.now();
	}

	public Long getId() {
		return id;
	}

	public UUID getProductId() {
		return productId;
	}

	public int getDelta() {
		return delta;
	}

	public String getReason() {
		return reason;
	}

	public String getSubject() {
		return subject;
	}

	public Instant getAt() {
		return at;
	}

}
