package io.ordergraph.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

import io.ordergraph.platform.graphql.Money;
import io.ordergraph.platform.graphql.InputErrors;

/** Validation and normalization of product input fields; problems are recorded as INVALID_INPUT user errors. */
final class ProductInputs {

	static final int NAME_MAX = 200;

	static final int DESCRIPTION_MAX = 2000;

	static final int REASON_MAX = 500;

	/** numeric(19, 4) in the database leaves 15 digits before the decimal point. */
	private static final int AMOUNT_INTEGER_DIGITS_MAX = 15;

	private ProductInputs() {
	}

	/** The GraphQL input {@code MoneyInput}. */
	record MoneyInput(BigDecimal amount, String currency) {
	}

	static String name(InputErrors errors, String value, String... field) {
		return errors.text(value, NAME_MAX, true, field);
	}

	/** Optional: blank means none. */
	static String description(InputErrors errors, String value, String... field) {
		return errors.text(value, DESCRIPTION_MAX, false, field);
	}

	static String reason(InputErrors errors, String value, String... field) {
		return errors.text(value, REASON_MAX, true, field);
	}

	/**
	 * A price with an ISO 4217 currency (case-insensitive) and an amount of at least zero with no more fraction
	 * digits than the currency has, scaled to exactly that many; null (with errors) when invalid.
	 */
	static Money price(InputErrors errors, MoneyInput input, String... field) {
		if (input == null || input.amount() == null) {
			errors.add(InputErrors.INVALID_INPUT, "must be given", field);
			return null;
		}
		String[] currencyField = append(field, "currency");
		String[] amountField = append(field, "amount");
		Currency currency = currency(errors, input.currency(), currencyField);
		BigDecimal amount = input.amount();
		boolean valid = currency != null;
		if (amount.signum() < 0) {
			errors.add(InputErrors.INVALID_INPUT, "must not be negative", amountField);
			valid = false;
		}
		else if (amount.precision() - amount.scale() > AMOUNT_INTEGER_DIGITS_MAX) {
			errors.add(InputErrors.INVALID_INPUT, "is too large", amountField);
			valid = false;
		}
		else if (currency != null && fractionDigits(amount) > currency.getDefaultFractionDigits()) {
			errors.add(InputErrors.INVALID_INPUT, "must have at most " + currency.getDefaultFractionDigits()
					+ " fraction digits in " + currency.getCurrencyCode(), amountField);
			valid = false;
		}
		if (!valid) {
			return null;
		}
		// exact: the checks above ensure no digit is lost
		return new Money(amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY),
				currency.getCurrencyCode());
	}

	private static Currency currency(InputErrors errors, String value, String... field) {
		String code = errors.text(value, 3, true, field);
		if (code == null || code.length() != 3) {
			if (code != null && code.length() < 3) {
				errors.add(InputErrors.INVALID_INPUT, "is not an ISO 4217 currency code", field);
			}
			return null;
		}
		try {
			Currency currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
			// codes like XAU (gold) or XXX (no currency) have no minor unit and are no price currency
			if (currency.getDefaultFractionDigits() < 0) {
				errors.add(InputErrors.INVALID_INPUT, "is not a currency prices can be in", field);
				return null;
			}
			return currency;
		}
		catch (IllegalArgumentException ex) {
			errors.add(InputErrors.INVALID_INPUT, "is not an ISO 4217 currency code", field);
			return null;
		}
	}

	private static int fractionDigits(BigDecimal amount) {
		return Math.max(0, amount.stripTrailingZeros().scale());
	}

	private static String[] append(String[] path, String last) {
		String[] result = java.util.Arrays.copyOf(path, path.length + 1);
		result[path.length] = last;
		return result;
	}

}
