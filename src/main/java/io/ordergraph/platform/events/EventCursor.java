package io.ordergraph.platform.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import io.ordergraph.platform.graphql.BadRequestException;

/**
 * Opaque cursors of the event log. A cursor is the event's sequence and a fixed check value enciphered as one AES
 * block with a key all instances share ({@link EventCursorKey}): it still orders and resumes, but says nothing about
 * how many events (orders) the shop has had, and a guessed or altered cursor is refused.
 */
public final class EventCursor {

	private static final byte[] CHECK = "ogcursor".getBytes(StandardCharsets.US_ASCII);

	// replaced at start by the shared key; until then (and in plain unit tests) a key of this JVM
	private static volatile SecretKeySpec key = new SecretKeySpec(randomKey(), "AES");

	private EventCursor() {
	}

	static void useKey(byte[] secret) {
		key = new SecretKeySpec(Arrays.copyOf(secret, 16), "AES");
	}

	static byte[] randomKey() {
		byte[] secret = new byte[16];
		new SecureRandom().nextBytes(secret);
		return secret;
	}

	public static String encode(long sequence) {
		byte[] block = ByteBuffer.allocate(16).putLong(sequence).put(CHECK).array();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinalUnchecked(block));
	}

	/** The sequence of a cursor; null stays null; a malformed cursor is a BAD_REQUEST. */
	public static Long decode(String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			byte[] raw = Base64.getUrlDecoder().decode(cursor.strip());
			if (raw.length == 16) {
				ByteBuffer block = ByteBuffer.wrap(cipher(Cipher.DECRYPT_MODE).doFinalUnchecked(raw));
				long sequence = block.getLong();
				byte[] check = new byte[CHECK.length];
				block.get(check);
				if (sequence >= 0 && Arrays.equals(check, CHECK)) {
					return sequence;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new BadRequestException("Malformed event cursor");
	}

	private static Block cipher(int mode) {
		try {
			// one block, no chaining: a pseudo-random permutation of (sequence, check)
			Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
			cipher.init(mode, key);
			return new Block(cipher);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES is not available", ex);
		}
	}

	private record Block(Cipher cipher) {

		byte[] doFinalUnchecked(byte[] input) {
			try {
				return cipher.doFinal(input);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException(ex);
			}
		}

	}

}
