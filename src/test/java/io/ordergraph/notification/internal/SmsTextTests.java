package io.ordergraph.notification.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;

import io.ordergraph.notification.NotificationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** The default templates fit one GSM-7 segment; the segment counter says when a value makes a text longer or Unicode. */
class SmsTextTests {

	private static final Map<String, String> TYPICAL = Map.of("number", "OG-001234", "total", "KES 12500.00",
			"status", "ACCEPTED", "reason", "We are out of milk today, sorry");

	private final SmsTemplates templates = new SmsTemplates(properties(null), "Ordergraph demo shop");

	static SmsProperties properties(Map<NotificationEvent, String> templates) {
		return new SmsProperties(null, "sandbox", null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(10),
				Set.of(NotificationEvent.values()), null, "Follow it under My orders in the app.", templates,
				new SmsProperties.Worker(Duration.ofSeconds(1), 4, 10, 6, Duration.ofSeconds(5), Duration.ofMinutes(10),
						Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(2)));
	}

	@Test
	void everyDefaultTemplateFitsOneGsmSegmentForTypicalValues() {
		for (NotificationEvent event : NotificationEvent.values()) {
			String text = templates.render(event, TYPICAL);
			GsmSegments.Count count = GsmSegments.count(text);
			assertThat(count.unicode()).as(text).isFalse();
			assertThat(count.units()).as(text).isLessThanOrEqualTo(160);
			assertThat(count.singleSegment()).as(text).isTrue();
			assertThat(text).doesNotContain("{").contains("OG-001234").startsWith("Ordergraph demo shop: ");
		}
		assertThat(templates.render(NotificationEvent.PLACED, TYPICAL))
			.isEqualTo("Ordergraph demo shop: order OG-001234 received, total KES 12500.00. Follow it under My orders in the app.");
		assertThat(templates.render(NotificationEvent.REJECTED, TYPICAL)).endsWith(": We are out of milk today, sorry");
	}

	@Test
	void aValueOutsideGsm7ForcesUnicodeAndALongReasonTwoSegments() {
		GsmSegments.Count cyrillic = GsmSegments.count(templates.render(NotificationEvent.REJECTED,
				Map.of("number", "OG-001234", "reason", "Нет молока")));
		assertThat(cyrillic.unicode()).isTrue();
		assertThat(cyrillic.segments()).as("74 UCS-2 units: past the 70 of one segment").isEqualTo(2);
		GsmSegments.Count emoji = GsmSegments.count(templates.render(NotificationEvent.REJECTED,
				Map.of("number", "OG-001234", "reason", "We are closed today, sorry ☕ see you tomorrow morning!")));
		assertThat(emoji.unicode()).isTrue();
		assertThat(emoji.segments()).as("UCS-2 allows only 70 units in one segment").isEqualTo(2);
		GsmSegments.Count longReason = GsmSegments.count(templates.render(NotificationEvent.REJECTED,
				Map.of("number", "OG-001234", "reason", "The kitchen closed early because of a power cut in the whole"
						+ " street; we are very sorry and hope to serve you again tomorrow from 8 am")));
		assertThat(longReason.unicode()).isFalse();
		assertThat(longReason.segments()).isEqualTo(2);
	}

	@Test
	void segmentsAreCountedAsNetworksDo() {
		assertThat(GsmSegments.count("a".repeat(160))).isEqualTo(new GsmSegments.Count(false, 160, 1));
		assertThat(GsmSegments.count("a".repeat(161))).isEqualTo(new GsmSegments.Count(false, 161, 2));
		assertThat(GsmSegments.count("a".repeat(306)).segments()).isEqualTo(2);
		assertThat(GsmSegments.count("a".repeat(307)).segments()).isEqualTo(3);
		// extension characters take two septets
		assertThat(GsmSegments.count("€".repeat(80))).isEqualTo(new GsmSegments.Count(false, 160, 1));
		assertThat(GsmSegments.count("{".repeat(81)).segments()).isEqualTo(2);
		assertThat(GsmSegments.count("é à ñ Ä £ @").unicode()).isFalse();
		assertThat(GsmSegments.count("ж".repeat(70))).isEqualTo(new GsmSegments.Count(true, 70, 1));
		assertThat(GsmSegments.count("ж".repeat(71)).segments()).isEqualTo(2);
		assertThat(GsmSegments.count("ж".repeat(134)).segments()).isEqualTo(2);
		assertThat(GsmSegments.count("ж".repeat(135)).segments()).isEqualTo(3);
	}

	@Test
	void configuredTemplatesReplaceTheDefaults() {
		SmsTemplates custom = new SmsTemplates(properties(Map.of(NotificationEvent.READY, "{number} ready at {shop}")),
				"Kiosk");
		assertThat(custom.render(NotificationEvent.READY, TYPICAL)).isEqualTo("OG-001234 ready at Kiosk");
		assertThat(custom.render(NotificationEvent.ACCEPTED, TYPICAL)).startsWith("Kiosk: order OG-001234 was accepted");
	}

	@Test
	void fixedLinesAndMissingNumbersCannotBeTexted() {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		Recipients recipients = new Recipients();
		String fixed = util.format(util.getExampleNumberForType("KE", PhoneNumberType.FIXED_LINE), PhoneNumberFormat.E164);
		String mobile = util.format(util.getExampleNumberForType("KE", PhoneNumberType.MOBILE), PhoneNumberFormat.E164);
		assertThat(recipients.whyNot(fixed)).hasValueSatisfying(why -> assertThat(why).contains("fixed line"));
		assertThat(recipients.whyNot(null)).hasValue("The customer has no phone number");
		assertThat(recipients.whyNot(mobile)).isEmpty();
	}

	@Test
	void theApiKeyIsNeverPrintedAndSmsIsOnExactlyWithAKey() {
		SmsProperties withKey = new SmsProperties(null, "sandbox", "secret-key-123", null, null, null,
				Duration.ofSeconds(5), Duration.ofSeconds(10), null, null, "x", null, properties(null).worker());
		assertThat(withKey.isEnabled()).isTrue();
		assertThat(withKey.toString()).doesNotContain("secret-key-123");
		assertThat(withKey.effectiveBaseUrl()).isEqualTo(SmsProperties.SANDBOX_BASE);
		assertThat(properties(null).isEnabled()).isFalse();
		SmsProperties live = new SmsProperties(false, "myshop", "k", null, null, null, Duration.ofSeconds(5),
				Duration.ofSeconds(10), null, null, "x", null, properties(null).worker());
		assertThat(live.isEnabled()).isFalse();
		assertThat(live.effectiveBaseUrl()).isEqualTo(SmsProperties.LIVE_BASE);
	}

}
