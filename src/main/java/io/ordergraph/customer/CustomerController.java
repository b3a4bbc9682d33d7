package io.ordergraph.customer;

import java.util.Optional;
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
import io.ordergraph.platform.security.Viewer;

@Controller
class CustomerController implements NodeResolver {

	private final CustomerService service;

	private final CustomerProfiles profiles;

	private final OfflineCustomers offline;

	CustomerController(CustomerService service, CustomerProfiles profiles, OfflineCustomers offline) {
		this.service = service;
		this.profiles = profiles;
		this.offline = offline;
	}

	@Override
	public String typeName() {
		return Customer.NODE_TYPE;
	}

	@Override
	public Optional<?> find(UUID id, Caller caller) {
		return service.find(id, caller);
	}

	@QueryMapping
	Connection<Customer> customers(@Argument Integer first, @Argument String after, @Argument Integer last,
			@Argument String before, @Argument CustomerService.CustomerFilter filter, @ContextValue Caller caller) {
		return service.list(filter, new Paging(first, after, last, before), caller);
	}

	@QueryMapping
	Customer customer(@Argument String id, @ContextValue Caller caller) {
		caller.requireSubject();
		return GlobalId.tryDecode(id, Customer.NODE_TYPE).flatMap(uuid -> service.find(uuid, caller)).orElse(null);
	}

	@SchemaMapping(typeName = "CustomerPayload")
	io.ordergraph.platform.security.Viewer me(CustomerPayload payload, @ContextValue Caller caller) {
		return io.ordergraph.platform.security.Viewer.of(caller);
	}

	@QueryMapping
	Customer myCustomerProfile(@ContextValue Caller caller) {
		return service.myProfile(caller).orElse(null);
	}

	/** The caller's own customer profile, if they registered one. */
	@SchemaMapping(typeName = "Viewer")
	Customer customer(Viewer viewer) {
		return service.findBySubject(viewer.subject()).orElse(null);
	}

	record RegisterCustomerInput(String name, String phone, String email) {
	}

	@MutationMapping
	CustomerPayload registerCustomer(@Argument RegisterCustomerInput input, @ContextValue Caller caller) {
		return profiles.register(new CustomerProfiles.RegisterCustomer(input.name(), input.phone(), input.email()),
				caller);
	}

	record UpdateMyCustomerProfileInput(String name, String phone, String email) {
	}

	@MutationMapping
	CustomerPayload updateMyCustomerProfile(@Argument UpdateMyCustomerProfileInput input,
			@ContextValue Caller caller) {
		return profiles.update(new CustomerProfiles.UpdateProfile(input.name(), input.phone(), input.email()), caller);
	}

	record DeleteMyCustomerAccountInput(boolean confirm) {
	}

	@MutationMapping
	DeleteCustomerAccountPayload deleteMyCustomerAccount(@Argument DeleteMyCustomerAccountInput input,
			@ContextValue Caller caller) {
		return profiles.delete(input.confirm(), caller);
	}

	record CreateCustomerInput(String name, String code, String phone, String email, String idempotencyKey) {
	}

	@MutationMapping
	CustomerPayload createCustomer(@Argument CreateCustomerInput input, @ContextValue Caller caller) {
		return offline.create(new OfflineCustomers.CreateCustomer(input.name(), input.code(), input.phone(),
				input.email(), input.idempotencyKey()), caller);
	}

}
