package io.ordergraph.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.ordergraph.platform.graphql.BadRequestException;

/** Opaque cursors of the event log. */
public final class EventCursor {

	private static final String PREFIX = "event:";

	private EventCursor() {
	}

	public static String encode(long sequence) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + sequence).getBytes(StandardCharsets.UTF_8));
	}

	/** The sequence of a cursor; null stays null; a malformed cursor is a BAD_REQUEST. */
	public static Long decode(String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
			if (raw.startsWith(PREFIX)) {
				long sequence = Long.parseLong(raw.substring(PREFIX.length()));
				if (sequence >= 0) {
					return sequence;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new BadRequestException("Malformed event cursor");
	}

}
