package io.ordergraph.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque Relay global ids: base64url of {@code Type:uuid}. Clients must treat them as opaque; decoding a malformed
 * id is a BAD_REQUEST, an id of another type a NOT_FOUND.
 */
public record GlobalId(String type, UUID id) {

	public static String encode(String type, UUID id) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
	}

	public static GlobalId decode(String globalId) {
		if (globalId == null || globalId.isBlank() || globalId.length() > 200) {
			throw new BadRequestException("Malformed id");
		}
		String raw;
		try {
			raw = new String(Base64.getUrlDecoder().decode(globalId.strip()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("Malformed id '" + sanitize(globalId) + "'");
		}
		int colon = raw.indexOf(':');
		if (colon <= 0) {
			throw new BadRequestException("Malformed id '" + sanitize(globalId) + "'");
		}
		try {
			return new GlobalId(raw.substring(0, colon), UUID.fromString(raw.substring(colon + 1)));
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("Malformed id '" + sanitize(globalId) + "'");
		}
	}

	/** Decodes an id that must be of the given type; another type is NOT_FOUND. */
	public static UUID decode(String globalId, String expectedType) {
		GlobalId decoded = decode(globalId);
		if (!decoded.type().equals(expectedType)) {
			throw new NotFoundException(expectedType + " " + sanitize(globalId) + " not found");
		}
		return decoded.id();
	}

	/**
	 * For lookups that behave like {@code node}: the UUID of an id of the given type, or empty when the id is
	 * malformed or of another type.
	 */
	public static java.util.Optional<UUID> tryDecode(String globalId, String expectedType) {
		try {
			return java.util.Optional.of(decode(globalId, expectedType));
		}
		catch (ApiException ex) {
			return java.util.Optional.empty();
		}
	}

	private static String sanitize(String value) {
		String s = value.replaceAll("[^A-Za-z0-9_\\-=]", "?");
		return s.length() > 60 ? s.substring(0, 60) + "…" : s;
	}

}
