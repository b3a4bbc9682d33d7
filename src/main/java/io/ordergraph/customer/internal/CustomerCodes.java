package io.ordergraph.customer.internal;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Customer codes: generated ones look like C-7F3K2Q; staff may choose their own within {@link #VALID}. */
public final class CustomerCodes {

	/** Crockford's base 32: no I, L, O or U, so codes read back over the phone without confusion. */
	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final int LENGTH = 6;

	public static final int MAX_LENGTH = 32;

	public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

	private static final SecureRandom random = new SecureRandom();

	private CustomerCodes() {
	}

	/** A new random code; about a billion possibilities, so callers only need to retry on the rare clash. */
	public static String generate() {
		StringBuilder code = new StringBuilder("C-");
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return code.toString();
	}

}
