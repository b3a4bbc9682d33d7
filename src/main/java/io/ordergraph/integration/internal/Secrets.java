package io.ordergraph.integration.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM encryption of integrator secrets at rest: {@code v1:<base64 iv ‖ ciphertext+tag>}. */
public final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	private Secrets(SecretKey key) {
		this.key = key;
	}

	public static Secrets of(String base64Key) {
		byte[] raw = Base64.getDecoder().decode(base64Key.trim());
		if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
			throw new IllegalStateException("ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY must be 16, 24 or 32 bytes, base64");
		}
		return new Secrets(new SecretKeySpec(raw, "AES"));
	}

	private SecretKey key() {
		return key;
	}

	public static Secrets generated() {
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256);
			return new Secrets(generator.generateKey());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A new random signing secret in the Standard Webhooks form {@code whsec_<base64 of 32 bytes>}. */
	public static String newSigningSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "whsec_" + Base64.getEncoder().encodeToString(bytes);
	}

	public String encrypt(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return "v1:" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a secret", ex);
		}
	}

	public String decrypt(String stored) {
		if (stored == null) {
			return null;
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(3));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, 12));
			return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Could not decrypt a stored secret (wrong ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY?)");
		}
	}

}
