package io.ordergraph.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.customer.internal.CustomerRepository;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** Staff create customers for shoppers without an account (seed 003: the back office serves offline shoppers). */
@Service
class OfflineCustomers {

	private static final int ATTEMPTS = 3;

	private final CustomerRepository customers;

	private final CustomerFields fields;

	private final TransactionTemplate transactions;

	OfflineCustomers(CustomerRepository customers, CustomerFields fields, TransactionTemplate transactions) {
		this.customers = customers;
		this.fields = fields;
		this.transactions = transactions;
	}

	record CreateCustomer(String name, String code, String phone, String email, String idempotencyKey) {
	}

	private record Valid(String name, String code, String phone, String email, String key, String hash) {
	}

	/**
	 * Creates a customer without a subject. A retry with the same idempotency key from the same employee answers
	 * the customer created first; the same key with another input is IDEMPOTENCY_KEY_REUSED.
	 */
	CustomerPayload create(CreateCustomer input, Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		InputErrors errors = new InputErrors();
		String name = fields.name(errors, input.name());
		String code = fields.code(errors, input.code());
		String phone = fields.phone(errors, input.phone());
		String email = fields.email(errors, input.email());
		String key = errors.text(input.idempotencyKey(), CustomerFields.MAX_IDEMPOTENCY_KEY, false, "input",
				"idempotencyKey");
		if (errors.any()) {
			return CustomerPayload.failed(errors.list());
		}
		Valid valid = new Valid(name, code, phone, email, key, hash(name, code, phone, email));
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(tx -> createOnce(valid, caller.subject()));
			}
			catch (DataIntegrityViolationException ex) {
				// A concurrent request took this code or idempotency key between our check and our insert. It has
				// committed by now (PostgreSQL waits for it), so checking again gives the right answer.
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private CustomerPayload createOnce(Valid input, String employee) {
		if (input.key() != null) {
			Optional<Customer> first = customers.findByCreatedByAndIdempotencyKey(employee, input.key());
			if (first.isPresent()) {
				return first.get().getRequestHash().equals(input.hash()) ? CustomerPayload.ok(first.get())
						: CustomerPayload.failed(CustomerFields.IDEMPOTENCY_KEY_REUSED,
								"This idempotency key was already used for a different request; use a new key for a new customer.", "input", "idempotencyKey");
			}
		}
		if (input.code() != null && customers.existsByCodeIgnoreCase(input.code())) {
			return CustomerPayload.failed(InputErrors.DUPLICATE, "code " + input.code() + " is already taken", "input",
					"code");
		}
		Customer customer = new Customer((input.code() != null) ? input.code() : fields.newCode(), input.name(),
				input.phone(), input.email(), null);
		customer.createdBy(employee, input.key(), input.hash());
		return CustomerPayload.ok(customers.saveAndFlush(customer));
	}

	/** Fingerprint of the normalized input, so "+254 711..." and "+254711..." count as the same request. */
	private static String hash(String... values) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String value : values) {
				// A length prefix keeps ("ab", "c") apart from ("a", "bc"); -1 marks null.
				digest.update(((value == null) ? "-1:" : value.length() + ":" + value).getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
