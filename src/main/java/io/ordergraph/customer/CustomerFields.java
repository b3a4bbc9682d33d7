package io.ordergraph.customer;

import org.springframework.stereotype.Component;

import io.ordergraph.customer.internal.CustomerCodes;
import io.ordergraph.customer.internal.CustomerRepository;
import io.ordergraph.customer.internal.PhoneNumbers;
import io.ordergraph.platform.graphql.InputErrors;

/** Validation and normalization of customer input shared by self-service and staff mutations. */
@Component
class CustomerFields {

	/** Values this module adds to the GraphQL enum {@code UserErrorCode}. */
	static final String INVALID_PHONE = "INVALID_PHONE";

	static final String ALREADY_REGISTERED = "ALREADY_REGISTERED";

	static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

	static final int MAX_NAME = 200;

	static final int MAX_IDEMPOTENCY_KEY = 200;

	private final PhoneNumbers phones;

	private final CustomerRepository customers;

	CustomerFields(PhoneNumbers phones, CustomerRepository customers) {
		this.phones = phones;
		this.customers = customers;
	}

	String name(InputErrors errors, String value) {
		return errors.text(value, MAX_NAME, true, "input", "name");
	}

	String email(InputErrors errors, String value) {
		return errors.email(value, false, "input", "email");
	}

	/** The phone in E.164; a missing or invalid number is INVALID_PHONE, so clients can handle one code. */
	String phone(InputErrors errors, String value) {
		String phone = phones.normalize(value).orElse(null);
		if (phone == null) {
			errors.add(INVALID_PHONE, "is not a valid phone number (use international format, e.g. +254711000001)",
					"input", "phone");
		}
		return phone;
	}

	/** A staff-chosen code, trimmed, or null when none was given (one is generated then). */
	String code(InputErrors errors, String value) {
		String code = errors.text(value, CustomerCodes.MAX_LENGTH, false, "input", "code");
		if (code != null && !CustomerCodes.VALID.matcher(code).matches()) {
			errors.add(InputErrors.INVALID_INPUT, "may hold only letters, digits, '-' and '_'", "input", "code");
		}
		return code;
	}

	/** A generated code not yet taken; a clash is rare enough that a few tries always suffice. */
	String newCode() {
		String code = CustomerCodes.generate();
		while (customers.existsByCodeIgnoreCase(code)) {
			code = CustomerCodes.generate();
		}
		return code;
	}

	/** A phone for trusted callers (demo data): invalid numbers are a programming error there. */
	String trustedPhone(String value) {
		return phones.normalize(value)
			.orElseThrow(() -> new IllegalArgumentException("Not a valid phone number: " + value));
	}

}
