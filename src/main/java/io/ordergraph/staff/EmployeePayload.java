package io.ordergraph.staff;

import java.util.List;

import io.ordergraph.platform.graphql.UserError;

/** The result of an employee mutation: the employee as it now is, or the errors that stopped the change. */
public record EmployeePayload(Employee employee, List<UserError> errors) {

	static EmployeePayload ok(Employee employee) {
		return new EmployeePayload(employee, List.of());
	}

	static EmployeePayload failed(List<UserError> errors) {
		return new EmployeePayload(null, errors);
	}

}
