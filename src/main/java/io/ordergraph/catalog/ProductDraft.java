package io.ordergraph.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.ordergraph.platform.graphql.Money;

/** The validated, normalized fields of a new product. */
record ProductDraft(String name, String description, Money price, int stock, boolean visible) {

	/**
	 * SHA-256 of the normalized input: a retry with the same idempotency key must carry the same input, and this is
	 * what "the same" means (so "12.5" and "12.50 " are the same price, "kes" and "KES" the same currency).
	 */
	String hash() {
		String canonical = String.join("\u0000", name, (description == null) ? "\u0001" : description,
				price.amount().toPlainString(), price.currency(), Integer.toString(stock), Boolean.toString(visible));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
