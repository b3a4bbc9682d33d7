package io.ordergraph.ordering;

/** Who made a change to an order. */
public enum ActorKind {

	CUSTOMER, EMPLOYEE, SYSTEM

}
