package io.ordergraph.platform.graphql;

import java.util.List;

/**
 * A business failure answered inside a mutation payload.
 * @param code a value of the GraphQL enum {@code UserErrorCode}
 * @param field path to the input field at fault, empty when the whole input is
 * @param message a human-readable explanation
 */
public record UserError(String code, List<String> field, String message) {

	public static UserError of(String code, String message, String... field) {
		return new UserError(code, List.of(field), message);
	}

}
