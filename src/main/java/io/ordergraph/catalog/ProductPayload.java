package io.ordergraph.catalog;

import java.util.List;

import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.UserError;

/** The result of a product mutation: the product as it now is, or the errors that stopped the change. */
public record ProductPayload(Product product, List<UserError> errors) {

	static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

	static final String PRODUCT_ARCHIVED = "PRODUCT_ARCHIVED";

	static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

	static ProductPayload ok(Product product) {
		return new ProductPayload(product, List.of());
	}

	static ProductPayload failed(List<UserError> errors) {
		return new ProductPayload(null, errors);
	}

	static ProductPayload failed(String code, String message, String... field) {
		InputErrors errors = new InputErrors();
		errors.add(code, message, field);
		return failed(errors.list());
	}

	static ProductPayload archived() {
		return failed(PRODUCT_ARCHIVED, "is archived and can no longer be changed", "input", "id");
	}

}
