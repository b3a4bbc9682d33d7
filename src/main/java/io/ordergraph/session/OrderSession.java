package io.ordergraph.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.ordergraph.platform.graphql.NodeSource;

/** A table session (seed 000): a label, a state and the join code its QR code carries. */
@Entity
@Table(name = "order_session")
public class OrderSession implements NodeSource {

	@Id
	private UUID id;

	private String label;

	@Enumerated(EnumType.STRING)
	private OrderSessionState state;

	private String joinCode;

	private Instant openedAt;

	private Instant verifiedAt;

	private Instant closedAt;

	private String openedBySubject;

	private String closedBySubject;

	@Version
	private long version;

	protected OrderSession() {
	}

	OrderSession(String label, String joinCode, String openedBy) {
		this.id = UUID.randomUUID();
		this.label = label;
		this.joinCode = joinCode;
		this.state = OrderSessionState.OPENED;
		this.openedAt = Instant.now();
		this.openedBySubject = openedBy;
	}

	/** Moves OPENED to VERIFIED; answers whether it did. */
	boolean verify() {
		if (state != OrderSessionState.OPENED) {
			return false;
		}
		state = OrderSessionState.VERIFIED;
		verifiedAt = Instant.now();
		return true;
	}

	void close(String subject) {
		state = OrderSessionState.CLOSED;
		closedAt = Instant.now();
		closedBySubject = subject;
	}

	@Override
	public UUID getId() {
		return id;
	}

	public String getLabel() {
		return label;
	}

	public OrderSessionState getState() {
		return state;
	}

	public boolean isClosed() {
		return state == OrderSessionState.CLOSED;
	}

	public String getJoinCode() {
		return joinCode;
	}

	public Instant getOpenedAt() {
		return openedAt;
	}

	public Instant getVerifiedAt() {
		return verifiedAt;
	}

	public Instant getClosedAt() {
		return closedAt;
	}

}
