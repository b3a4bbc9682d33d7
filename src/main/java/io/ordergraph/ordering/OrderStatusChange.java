package io.ordergraph.ordering;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.ordergraph.platform.db.NewWithAssignedId;

/** One entry of an order's history: the status it moved to, when, who did it and why. */
@Entity
@Table(name = "order_status_change")
public class OrderStatusChange extends NewWithAssignedId {

	@Id
	private UUID id;

	/** Insertion order, assigned by the database: the history's order even within one clock tick. */
	@jakarta.persistence.Column(insertable = false, updatable = false)
	private Long seq;

	private UUID orderId;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	@Enumerated(EnumType.STRING)
	private OrderStatus previousStatus;

	@Enumerated(EnumType.STRING)
	private ActorKind actorKind;

	private String actorSubject;

	private String actorName;

	private String note;

	private Instant changedAt;

	protected OrderStatusChange() {
	}

	OrderStatusChange(UUID orderId, OrderStatus previousStatus, OrderStatus status, Actor actor, String note) {
		this.id = UUID.randomUUID();
		this.orderId = orderId;
		this.previousStatus = previousStatus;
		this.status = status;
		this.actorKind = actor.kind();
		this.actorSubject = actor.subject();
		this.actorName = actor.name();
		this.note = note;
		this.changedAt = Instant.now();
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	public UUID getOrderId() {
		return orderId;
	}

	public OrderStatus getStatus() {
		return status;
	}

	public OrderStatus getPreviousStatus() {
		return previousStatus;
	}

	public ActorKind getActorKind() {
		return actorKind;
	}

	public String getActorSubject() {
		return actorSubject;
	}

	public String getActorName() {
		return actorName;
	}

	public String getNote() {
		return note;
	}

	public Instant getChangedAt() {
		return changedAt;
	}

}
