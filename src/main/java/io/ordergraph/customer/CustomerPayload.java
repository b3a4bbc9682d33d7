package io.ordergraph.customer;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of a customer mutation: the customer as it now is, or the errors that stopped the change. */
public record CustomerPayload(Customer customer, List<UserError> errors) {

	static CustomerPayload ok(Customer customer) {
		return new CustomerPayload(customer, List.of());
	}

	static CustomerPayload failed(List<UserError> errors) {
		return new CustomerPayload(null, errors);
	}

	static CustomerPayload failed(String code, String message, String... field) {
		return failed(List.of(UserError.of(code, message, field)));
	}

}
