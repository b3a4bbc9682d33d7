package io.ordergraph.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.criteria.Predicate;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.platform.events.DomainEvent;
import io.ordergraph.platform.events.EventPublisher;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.platform.security.PermissionCache;
import io.ordergraph.staff.internal.EmployeeRepository;

/** Employees and their permissions (seed 003: a shopkeeper adds employees and gives them permissions). */
@Service
public class EmployeeService {

	private final EmployeeRepository employees;

	private final TransactionTemplate transactions;

	private final EventPublisher events;

	private final PermissionCache permissions;

	EmployeeService(EmployeeRepository employees, TransactionTemplate transactions, EventPublisher events,
			PermissionCache permissions) {
		this.employees = employees;
		this.transactions = transactions;
		this.events = events;
		this.permissions = permissions;
	}

	/**
	 * Logs that the employee changed, so every instance forgets the permissions it knew (and live subscriptions
	 * check afresh before their next event), and forgets them here once this transaction commits.
	 */
	private Employee changed(Employee employee) {
		// a concurrent change of the same employee surfaces here (CONFLICT), not in the event log's commit hook
		employees.flush();
		permissions.invalidateAfterCommit(employee.getSubject());
		events.publish(new DomainEvent(PermissionCache.EMPLOYEE_CHANGED, PermissionCache.EMPLOYEE_AGGREGATE,
				employee.getId(), null, Map.of("subject", employee.getSubject())));
		return employee;
	}

	public record EmployeeFilter(String search, Boolean active) {
	}

	@Transactional(readOnly = true)
	public Connection<Employee> list(EmployeeFilter filter, Paging paging, Caller caller) {
		caller.requirePermission(Permission.MANAGE_STAFF);
		Specification<Employee> spec = (root, query, cb) -> {
			List<Predicate> where = new ArrayList<>();
			if (filter != null && filter.search() != null && !filter.search().isBlank()) {
				String like = "%" + filter.search().strip().toLowerCase(Locale.ROOT).replace("%", "\\%") + "%";
				where.add(cb.or(cb.like(cb.lower(root.get("name")), like), cb.like(cb.lower(root.get("email")), like),
						cb.like(cb.lower(root.get("subject")), like)));
			}
			if (filter != null && filter.active() != null) {
				where.add(cb.equal(root.get("active"), filter.active()));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
		return paging.query(employees, spec, Sort.by("name", "id"));
	}

	/** An employee, visible to managers and to the employee themself. */
	@Transactional(readOnly = true)
	public Optional<Employee> find(UUID id, Caller caller) {
		if (!caller.authenticated()) {
			return Optional.empty();
		}
		return employees.findById(id)
			.filter(e -> caller.hasPermission(Permission.MANAGE_STAFF) || e.getSubject().equals(caller.subject()));
	}

	public Employee get(UUID id, Caller caller) {
		caller.requireSubject();
		return find(id, caller).orElseThrow(() -> new NotFoundException("Employee not found"));
	}

	@Transactional(readOnly = true)
	public Optional<Employee> findBySubject(String subject) {
		return employees.findBySubject(subject);
	}

	public record AddEmployee(String subject, String name, String email, Set<Permission> permissions) {
	}

	public EmployeePayload add(AddEmployee input, Caller caller) {
		caller.requirePermission(Permission.MANAGE_STAFF);
		InputErrors errors = new InputErrors();
		String subject = errors.text(input.subject(), 255, true, "input", "subject");
		String name = errors.text(input.name(), 200, true, "input", "name");
		String email = errors.email(input.email(), false, "input", "email");
		if (errors.any()) {
			return EmployeePayload.failed(errors.list());
		}
		Set<Permission> permissions = (input.permissions() == null) ? Set.of() : input.permissions();
		try {
			return transactions.execute(tx -> {
				if (employees.existsBySubject(subject)) {
					return duplicate(subject);
				}
				return EmployeePayload.ok(changed(employees.saveAndFlush(new Employee(subject, name, email, permissions))));
			});
		}
		catch (DataIntegrityViolationException ex) {
			return duplicate(subject);
		}
	}

	private static EmployeePayload duplicate(String subject) {
		InputErrors errors = new InputErrors();
		errors.add(InputErrors.DUPLICATE, "is already an employee: " + subject, "input", "subject");
		return EmployeePayload.failed(errors.list());
	}

	public record UpdateEmployee(UUID id, String name, String email) {
	}

	@Transactional
	public EmployeePayload update(UpdateEmployee input, Caller caller) {
		caller.requirePermission(Permission.MANAGE_STAFF);
		Employee employee = get(input.id(), caller);
		InputErrors errors = new InputErrors();
		String name = (input.name() == null) ? employee.getName() : errors.text(input.name(), 200, true, "input", "name");
		String email = (input.email() == null) ? employee.getEmail() : errors.email(input.email(), false, "input", "email");
		if (errors.any()) {
			return EmployeePayload.failed(errors.list());
		}
		employee.rename(name, email);
		return EmployeePayload.ok(changed(employee));
	}

	@Transactional
	public EmployeePayload setActive(UUID id, boolean active, Caller caller) {
		caller.requirePermission(Permission.MANAGE_STAFF);
		Employee employee = get(id, caller);
		if (!active && employee.getSubject().equals(caller.subject())) {
			InputErrors errors = new InputErrors();
			errors.add(InputErrors.INVALID_INPUT, "cannot deactivate yourself", "input", "id");
			return EmployeePayload.failed(errors.list());
		}
		employee.setActive(active);
		return EmployeePayload.ok(changed(employee));
	}

	@Transactional
	public EmployeePayload grant(UUID id, Set<Permission> permissions, Caller caller) {
		caller.requirePermission(Permission.MANAGE_STAFF);
		Employee employee = get(id, caller);
		employee.grant(permissions);
		return EmployeePayload.ok(changed(employee));
	}

	@Transactional
	public EmployeePayload revoke(UUID id, Set<Permission> permissions, Caller caller) {
		caller.requirePermission(Permission.MANAGE_STAFF);
		Employee employee = get(id, caller);
		if (permissions.contains(Permission.MANAGE_STAFF) && employee.getSubject().equals(caller.subject())) {
			InputErrors errors = new InputErrors();
			errors.add(InputErrors.INVALID_INPUT, "cannot revoke MANAGE_STAFF from yourself", "input", "permissions");
			return EmployeePayload.failed(errors.list());
		}
		employee.revoke(permissions);
		return EmployeePayload.ok(changed(employee));
	}

	/** Creates or refreshes an employee without authorization checks; for demo data and bootstrapping only. */
	@Transactional
	public Employee ensure(String subject, String name, String email, Set<Permission> permissions) {
		return employees.findBySubject(subject)
			.orElseGet(() -> {
				this.permissions.invalidateAfterCommit(subject);
				return employees.save(new Employee(subject, name, email, permissions));
			});
	}

}
