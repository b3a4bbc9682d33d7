package io.ordergraph.platform.graphql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An amount in one currency, scaled to the currency's minor unit (GraphQL type {@code Money}). */
public record Money(BigDecimal amount, String currency) {

	/** Minor-unit digits of the currencies seen, by code: only valid ISO 4217 codes get here, so it stays small. */
	private static final Map<String, Integer> DIGITS = new ConcurrentHashMap<>();

	/** @throws IllegalArgumentException for a currency code that is not ISO 4217's */
	public static Money of(BigDecimal amount, String currency) {
		return new Money(scale(amount, currency), currency);
	}

	private static BigDecimal scale(BigDecimal amount, String currency) {
		// Currency.getInstance validates the code on every call: about 1 % of a catalog page's CPU
		int digits = DIGITS.computeIfAbsent(currency, code -> Currency.getInstance(code).getDefaultFractionDigits());
		return amount.setScale(Math.max(digits, 0), RoundingMode.HALF_UP);
	}

	/**
	 * The amount as clients see it, in plain notation at the currency's minor-unit scale: "939.60" for KES, "1200"
	 * for JPY, "7.250" for BHD. The invoice PDF uses it; the GraphQL {@code Money.amount} is {@link #scaled()}, which
	 * the {@code Decimal} scalar writes the same way.
	 */
	public String formatted() {
		return scaled().toPlainString();
	}

	/** The amount at the currency's minor-unit scale. */
	public BigDecimal scaled() {
		return scale(amount, currency);
	}

}
