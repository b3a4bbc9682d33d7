package io.ordergraph.notification.internal;

import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import org.springframework.stereotype.Component;

/** Whether a stored (E.164) number can receive an SMS, by libphonenumber's idea of its type. */
@Component
public class Recipients {

	private static final Set<PhoneNumberType> NO_SMS = Set.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE,
			PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL);

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	/** Empty when the number can take an SMS, else why not. */
	public Optional<String> whyNot(String phone) {
		if (phone == null || phone.isBlank()) {
			return Optional.of("The customer has no phone number");
		}
		try {
			PhoneNumberType type = util.getNumberType(util.parse(phone, null));
			if (NO_SMS.contains(type)) {
				return Optional.of("The customer's number is a " + type.name().toLowerCase(java.util.Locale.ROOT)
					.replace('_', ' ') + " number and cannot receive SMS");
			}
			return Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.of("The customer's phone number is not a valid international number");
		}
	}

}
