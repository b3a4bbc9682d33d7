package io.ordergraph.ordering;

import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** The person (or the system) behind a change, as recorded in the order history. */
record Actor(ActorKind kind, String subject, String name) {

	static Actor of(Caller caller) {
		ActorKind kind = caller.hasPermission(Permission.MANAGE_ORDERS) ? ActorKind.EMPLOYEE : ActorKind.CUSTOMER;
		return new Actor(kind, caller.subject(), caller.name());
	}

}
