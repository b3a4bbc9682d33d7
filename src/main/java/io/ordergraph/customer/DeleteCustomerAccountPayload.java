package io.ordergraph.customer;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/**
 * The result of deleting one's own account. Only the id comes back: once anonymized the record is no longer the
 * caller's, so they may not read it.
 */
public record DeleteCustomerAccountPayload(String deletedCustomerId, List<UserError> errors) {

	static DeleteCustomerAccountPayload ok(String deletedCustomerId) {
		return new DeleteCustomerAccountPayload(deletedCustomerId, List.of());
	}

	static DeleteCustomerAccountPayload failed(List<UserError> errors) {
		return new DeleteCustomerAccountPayload(null, errors);
	}

}
