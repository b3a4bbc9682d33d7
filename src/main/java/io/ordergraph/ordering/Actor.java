package io.ordergraph.ordering;

import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** The person (or the system) behind a change, as recorded in the order history. */
record Actor(ActorKind kind, String subject, String name) {

	/** Names come from tokens, which may carry longer ones than the history keeps. */
	static final int MAX_NAME = 200;

	static Actor of(Caller caller) {
		ActorKind kind = caller.hasPermission(Permission.MANAGE_ORDERS) ? ActorKind.EMPLOYEE : ActorKind.CUSTOMER;
		String name = caller.name();
		return new Actor(kind, caller.subject(),
				(name != null && name.length() > MAX_NAME) ? name.substring(0, MAX_NAME) : name);
	}

}
