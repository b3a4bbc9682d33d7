package io.ordergraph.platform.security;

/** What an employee may do. Held by Ordergraph per employee; the identity provider only authenticates. */
public enum Permission {
	MANAGE_PRODUCTS, MANAGE_ORDERS, MANAGE_SESSIONS, MANAGE_STAFF, MANAGE_INTEGRATIONS
}
