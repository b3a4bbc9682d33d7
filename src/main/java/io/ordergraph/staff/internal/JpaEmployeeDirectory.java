package io.ordergraph.staff.internal;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.ordergraph.platform.security.EmployeeDirectory;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.staff.Employee;

@Component
class JpaEmployeeDirectory implements EmployeeDirectory {

	private final EmployeeRepository employees;

	JpaEmployeeDirectory(EmployeeRepository employees) {
		this.employees = employees;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Set<Permission>> activeEmployeePermissions(String subject) {
		return employees.findBySubject(subject).filter(Employee::isActive).map(Employee::getPermissions);
	}

}
