package io.ordergraph.staff;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.NodeResolver;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;
import io.ordergraph.platform.security.Viewer;

@Controller
class EmployeeController implements NodeResolver {

	static final String TYPE = "Employee";

	private final EmployeeService service;

	EmployeeController(EmployeeService service) {
		this.service = service;
	}

	@Override
	public String typeName() {
		return TYPE;
	}

	@Override
	public Optional<?> find(UUID id, Caller caller) {
		return service.find(id, caller);
	}

	@QueryMapping
	Connection<Employee> employees(@Argument Integer first, @Argument String after, @Argument Integer last,
			@Argument String before, @Argument EmployeeService.EmployeeFilter filter, @ContextValue Caller caller) {
		return service.list(filter, new Paging(first, after, last, before), caller);
	}

	@QueryMapping
	Employee employee(@Argument String id, @ContextValue Caller caller) {
		caller.requireSubject();
		return GlobalId.tryDecode(id, TYPE).flatMap(uuid -> service.find(uuid, caller)).orElse(null);
	}

	record AddEmployeeInput(String subject, String name, String email, List<Permission> permissions) {
	}

	@MutationMapping
	EmployeePayload addEmployee(@Argument AddEmployeeInput input, @ContextValue Caller caller) {
		return service.add(new EmployeeService.AddEmployee(input.subject(), input.name(), input.email(),
				input.permissions() == null ? Set.of() : Set.copyOf(input.permissions())), caller);
	}

	record UpdateEmployeeInput(String id, String name, String email) {
	}

	@MutationMapping
	EmployeePayload updateEmployee(@Argument UpdateEmployeeInput input, @ContextValue Caller caller) {
		return service.update(new EmployeeService.UpdateEmployee(GlobalId.decode(input.id(), TYPE), input.name(),
				input.email()), caller);
	}

	record SetEmployeeActiveInput(String id, boolean active) {
	}

	@MutationMapping
	EmployeePayload setEmployeeActive(@Argument SetEmployeeActiveInput input, @ContextValue Caller caller) {
		return service.setActive(GlobalId.decode(input.id(), TYPE), input.active(), caller);
	}

	record ChangePermissionsInput(String id, List<Permission> permissions) {
	}

	@MutationMapping
	EmployeePayload grantPermissions(@Argument ChangePermissionsInput input, @ContextValue Caller caller) {
		return service.grant(GlobalId.decode(input.id(), TYPE), Set.copyOf(input.permissions()), caller);
	}

	@MutationMapping
	EmployeePayload revokePermissions(@Argument ChangePermissionsInput input, @ContextValue Caller caller) {
		return service.revoke(GlobalId.decode(input.id(), TYPE), Set.copyOf(input.permissions()), caller);
	}

	/** The caller's own employee record, if any. */
	@SchemaMapping(typeName = "Viewer")
	Employee employee(Viewer viewer) {
		return service.findBySubject(viewer.subject()).orElse(null);
	}

}
