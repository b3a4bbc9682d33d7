package io.ordergraph.ordering;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.ordergraph.customer.Customer;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** Who may see an order: staff with MANAGE_ORDERS, the customer it belongs to, the guests of its table session. */
@Component
class OrderAccess {

	private final CustomerService customers;

	OrderAccess(CustomerService customers) {
		this.customers = customers;
	}

	boolean canSee(Order order, Caller caller) {
		if (caller.hasPermission(Permission.MANAGE_ORDERS)) {
			return true;
		}
		if (caller.isGuest()) {
			return caller.sessionId().equals(order.getSessionId());
		}
		return ownCustomerId(caller).map(id -> id.equals(order.getCustomerId())).orElse(false);
	}

	/** The caller's customer id, if the caller is a registered customer. */
	Optional<UUID> ownCustomerId(Caller caller) {
		if (!caller.authenticated() || !caller.hasRole(Caller.ROLE_CUSTOMER)) {
			return Optional.empty();
		}
		return customers.findBySubject(caller.subject()).map(Customer::getId);
	}

}
