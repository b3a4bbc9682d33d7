package io.ordergraph.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Someone who joined a table session with its code; their guest token's subject is derived from the id. */
@Entity
@Table(name = "order_session_guest")
public class OrderSessionGuest {

	@Id
	private UUID id;

	private UUID sessionId;

	private String name;

	private Instant joinedAt;

	protected OrderSessionGuest() {
	}

	OrderSessionGuest(UUID sessionId, String name) {
		this.id = UUID.randomUUID();
		this.sessionId = sessionId;
		this.name = name;
		this.joinedAt = Instant.now();
	}

	public UUID getId() {
		return id;
	}

	public UUID getSessionId() {
		return sessionId;
	}

	public String getName() {
		return name;
	}

	public Instant getJoinedAt() {
		return joinedAt;
	}

	/** The subject of this guest's tokens. */
	public String subject() {
		return "guest:" + id;
	}

}
