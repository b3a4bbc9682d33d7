package io.ordergraph.integration.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>}. */
public final class Signatures {

	private Signatures() {
	}

	public static String sign(String secret, String id, long timestamp, String body) {
		try {
			String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
			byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether one of the space-separated signatures in {@code header} matches. */
	public static boolean verify(String secret, String id, long timestamp, String body, String header) {
		if (secret == null || header == null) {
			return false;
		}
		byte[] expected = sign(secret, id, timestamp, body).getBytes(StandardCharsets.UTF_8);
		for (String candidate : header.trim().split(" +")) {
			if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
				return true;
			}
		}
		return false;
	}

}
