package io.ordergraph.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects INVALID_INPUT user errors while normalizing a mutation's input. */
public final class InputErrors {

	public static final String INVALID_INPUT = "INVALID_INPUT";

	public static final String DUPLICATE = "DUPLICATE";

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private final List<UserError> errors = new ArrayList<>();

	/** The trimmed text, or null; records an error when required and blank, or longer than {@code max}. */
	public String text(String value, int max, boolean required, String... field) {
		String trimmed = (value == null) ? null : value.strip();
		if (trimmed == null || trimmed.isEmpty()) {
			if (required) {
				add(INVALID_INPUT, "must not be blank", field);
			}
			return null;
		}
		if (trimmed.length() > max) {
			add(INVALID_INPUT, "must be at most " + max + " characters", field);
		}
		return trimmed;
	}

	/** A trimmed, lower-cased email address or null; records an error when malformed. */
	public String email(String value, boolean required, String... field) {
		String email = text(value, 320, required, field);
		if (email != null && !EMAIL.matcher(email).matches()) {
			add(INVALID_INPUT, "is not a valid email address", field);
		}
		return (email == null) ? null : email.toLowerCase(java.util.Locale.ROOT);
	}

	/** Records an error whose message starts with the field's name: ("phone", "must not be blank") reads
	 * "Phone must not be blank." */
	public void add(String code, String message, String... field) {
		errors.add(UserError.of(code, fieldName(field) + message, field));
	}

	/** Records an error with a message of its own, already naming what is at fault. */
	public void addMessage(String code, String message, String... field) {
		errors.add(UserError.of(code, message, field));
	}

	private static String fieldName(String... field) {
		return (field.length == 0) ? "" : field[field.length - 1] + " ";
	}

	public boolean any() {
		return !errors.isEmpty();
	}

	public List<UserError> list() {
		return List.copyOf(errors);
	}

}
