package io.ordergraph.platform.graphql;

import java.util.List;

/**
 * A business failure answered inside a mutation payload.
 * @param code a value of the GraphQL enum {@code UserErrorCode}
 * @param field path to the input field at fault, empty when the whole input is
 * @param message a human-readable explanation
 */
public record UserError(String code, List<String> field, String message) {

	/** A user error whose message reads as a sentence: a capital first letter (unless it names a field such as
	 * {@code customerId}) and a full stop. */
	public static UserError of(String code, String message, String... field) {
		return new UserError(code, List.of(field), sentence(message));
	}

	static String sentence(String message) {
		if (message == null || message.isBlank()) {
			return message;
		}
		String text = message.strip();
		int space = text.indexOf(' ');
		String first = (space < 0) ? text : text.substring(0, space);
		if (first.chars().allMatch(Character::isLowerCase)) {
			text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
		}
		char last = text.charAt(text.length() - 1);
		return (last == '.' || last == '!' || last == '?') ? text : text + ".";
	}

}
