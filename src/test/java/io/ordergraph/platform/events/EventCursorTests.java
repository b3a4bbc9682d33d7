package io.ordergraph.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event cursors resume exactly, but reveal no count of events and cannot be forged. */
class EventCursorTests {

	@Test
	void cursorsResumeButRevealNoSequence() {
		for (long sequence : new long[] { 0, 1, 41, 42, 1_000_000 }) {
			String cursor = EventCursor.encode(sequence);
			assertThat(EventCursor.decode(cursor)).isEqualTo(sequence);
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
			assertThat(raw).doesNotContain("event");
			// a one-digit number is one byte that random cipher text holds by chance (about 1 in 16): check longer ones
			if (sequence >= 10) {
				assertThat(raw).doesNotContain(Long.toString(sequence));
			}
		}
		// neighbours look unrelated: no common prefix that would give away an order of magnitude
		assertThat(EventCursor.encode(41).substring(0, 4)).isNotEqualTo(EventCursor.encode(42).substring(0, 4));
	}

	@Test
	void alteredOrOldStyleCursorsAreRefused() {
		String cursor = EventCursor.encode(7);
		String altered = (cursor.charAt(3) == 'A' ? "B" : "A");
		String tampered = cursor.substring(0, 3) + altered + cursor.substring(4);
		assertThatThrownBy(() -> EventCursor.decode(tampered)).hasMessageContaining("Malformed");
		String oldStyle = Base64.getUrlEncoder().withoutPadding().encodeToString("event:7".getBytes());
		assertThatThrownBy(() -> EventCursor.decode(oldStyle)).hasMessageContaining("Malformed");
	}

}
