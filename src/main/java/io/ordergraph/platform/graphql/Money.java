package io.ordergraph.platform.graphql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** An amount in one currency, scaled to the currency's minor unit (GraphQL type {@code Money}). */
public record Money(BigDecimal amount, String currency) {

	public static Money of(BigDecimal amount, String currency) {
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		return new Money(amount.setScale(Math.max(digits, 0), RoundingMode.HALF_UP), currency);
	}

	/**
	 * The amount as clients see it, in plain notation at the currency's minor-unit scale: "939.60" for KES, "1200"
	 * for JPY, "7.250" for BHD. The GraphQL {@code Money.amount} and the invoice PDF both use it.
	 */
	public String formatted() {
		return of(amount, currency).amount().toPlainString();
	}

}
