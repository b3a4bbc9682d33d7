package io.ordergraph.customer.internal;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Validates phone numbers with libphonenumber and normalizes them to E.164, the form SMS gateways take. Numbers
 * written without a leading + are read as numbers of {@code ordergraph.customer.default-region} (KE by default).
 */
@Component
public class PhoneNumbers {

	private static final int MAX_INPUT = 40;

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	PhoneNumbers(@Value("${ordergraph.customer.default-region:KE}") String defaultRegion) {
		this.defaultRegion = defaultRegion.strip().toUpperCase(Locale.ROOT);
		// Fail at start rather than on every registration when the region is misconfigured.
		if (!util.getSupportedRegions().contains(this.defaultRegion)) {
			throw new IllegalArgumentException(
					"ordergraph.customer.default-region '" + defaultRegion + "' is not a supported ISO 3166 region");
		}
	}

	public String defaultRegion() {
		return defaultRegion;
	}

	/** The number in E.164 (e.g. +254711000001), or empty when it is not a valid phone number. */
	public Optional<String> normalize(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = util.parse(raw.strip(), defaultRegion);
			return util.isValidNumber(number) ? Optional.of(util.format(number, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
