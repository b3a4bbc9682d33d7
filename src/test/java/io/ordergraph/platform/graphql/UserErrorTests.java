package io.ordergraph.platform.graphql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserErrorTests {

	@Test
	void messagesReadAsSentences() {
		InputErrors errors = new InputErrors();
		errors.add(InputErrors.INVALID_INPUT, "must not be blank", "input", "phone");
		errors.add(InputErrors.INVALID_INPUT, "is required when ordering for a customer", "input", "customerId");
		assertThat(errors.list()).extracting(UserError::message)
			.containsExactly("Phone must not be blank.", "customerId is required when ordering for a customer.");
		assertThat(UserError.of("X", "Already a sentence!").message()).isEqualTo("Already a sentence!");
		assertThat(UserError.of("X", "Order OG-001 is READY", "input", "id").message()).isEqualTo("Order OG-001 is READY.");
	}

}
