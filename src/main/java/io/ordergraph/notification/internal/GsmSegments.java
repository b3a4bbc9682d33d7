package io.ordergraph.notification.internal;

/**
 * Counts SMS segments as networks do: text entirely in the GSM 03.38 7-bit alphabet (extension characters count
 * twice) fits 160 characters in one segment, 153 per segment when split; anything else goes as UCS-2: 70 UTF-16
 * units in one segment, 67 per segment when split.
 */
public final class GsmSegments {

	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String EXTENSION = "\f^{}\\[~]|€";

	private GsmSegments() {
	}

	/** How a text would travel. */
	public record Count(boolean unicode, int units, int segments) {

		public boolean singleSegment() {
			return segments <= 1;
		}

	}

	public static Count count(String text) {
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (EXTENSION.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				int units = text.length();
				return new Count(true, units, units <= 70 ? 1 : (units + 66) / 67);
			}
		}
		return new Count(false, septets, septets <= 160 ? 1 : (septets + 152) / 153);
	}

}
