package io.ordergraph.customer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.customer.internal.CustomerRepository;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.security.Caller;

/** Self-service: a signed-in shopper registers, edits and deletes their own customer profile. */
@Service
class CustomerProfiles {

	private final CustomerRepository customers;

	private final CustomerFields fields;

	private final TransactionTemplate transactions;

	CustomerProfiles(CustomerRepository customers, CustomerFields fields, TransactionTemplate transactions) {
		this.customers = customers;
		this.fields = fields;
		this.transactions = transactions;
	}

	record RegisterCustomer(String name, String phone, String email) {
	}

	/** Creates the caller's profile; the subject comes from the token, never from the input. */
	CustomerPayload register(RegisterCustomer input, Caller caller) {
		caller.requireRole(Caller.ROLE_CUSTOMER);
		String subject = caller.subject();
		InputErrors errors = new InputErrors();
		String name = fields.name(errors, input.name());
		String phone = fields.phone(errors, input.phone());
		String email = fields.email(errors, input.email());
		if (errors.any()) {
			return CustomerPayload.failed(errors.list());
		}
		try {
			return transactions.execute(tx -> customers.findBySubject(subject).isPresent() ? alreadyRegistered()
					: CustomerPayload.ok(customers.saveAndFlush(new Customer(fields.newCode(), name, phone, email, subject))));
		}
		catch (DataIntegrityViolationException ex) {
			// A concurrent registration of the same subject won the unique index.
			if (customers.findBySubject(subject).isPresent()) {
				return alreadyRegistered();
			}
			throw ex;
		}
	}

	private static CustomerPayload alreadyRegistered() {
		return CustomerPayload.failed(CustomerFields.ALREADY_REGISTERED, "You are already registered as a customer");
	}

	record UpdateProfile(String name, String phone, String email) {
	}

	/** Changes the given fields of the caller's profile; an empty email clears it. */
	@Transactional
	CustomerPayload update(UpdateProfile input, Caller caller) {
		Customer customer = mine(caller);
		InputErrors errors = new InputErrors();
		String name = (input.name() == null) ? customer.getName() : fields.name(errors, input.name());
		String phone = (input.phone() == null) ? customer.getPhone() : fields.phone(errors, input.phone());
		String email = (input.email() == null) ? customer.getEmail() : fields.email(errors, input.email());
		if (errors.any()) {
			return CustomerPayload.failed(errors.list());
		}
		customer.change(name, phone, email);
		return CustomerPayload.ok(customers.saveAndFlush(customer));
	}

	/**
	 * Anonymizes the caller's profile rather than removing it, so orders keep their customer. The subject is
	 * released, so the same person may register again as a new customer.
	 */
	@Transactional
	DeleteCustomerAccountPayload delete(boolean confirm, Caller caller) {
		Customer customer = mine(caller);
		if (!confirm) {
			InputErrors errors = new InputErrors();
			errors.add(InputErrors.INVALID_INPUT, "must be true to delete your account", "input", "confirm");
			return DeleteCustomerAccountPayload.failed(errors.list());
		}
		customer.anonymize();
		customers.saveAndFlush(customer);
		return DeleteCustomerAccountPayload.ok(GlobalId.encode(Customer.NODE_TYPE, customer.getId()));
	}

	private Customer mine(Caller caller) {
		return customers.findBySubject(caller.requireSubject())
			.orElseThrow(() -> new NotFoundException("You have no customer profile; register first"));
	}

}
