package io.ordergraph.notification.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.ordergraph.notification.NotificationEvent;

/**
 * {@code ordergraph.sms.*}: Africa's Talking account, which order events text the customer, the templates and the
 * worker's pace. The API key comes from the environment ({@code AFRICASTALKING_API_KEY}) and is never logged.
 */
@ConfigurationProperties("ordergraph.sms")
public record SmsProperties(Boolean enabled, @DefaultValue("sandbox") String username, String apiKey,
		String senderId, String baseUrl, String callbackToken,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue({ "PLACED", "ACCEPTED", "REJECTED", "READY" }) Set<NotificationEvent> events, String shopName,
		@DefaultValue("Follow it under My orders in the app.") String followHint, Map<NotificationEvent, String> templates,
		@DefaultValue Worker worker) {

	public static final String SANDBOX_BASE = "https://api.sandbox.africastalking.com";

	public static final String LIVE_BASE = "https://api.africastalking.com";

	/** Defaults: one GSM-7 segment for typical values (see GsmSegments and its test). */
	static final Map<NotificationEvent, String> DEFAULT_TEMPLATES = Map.of(
			NotificationEvent.PLACED, "{shop}: order {number} received, total {total}. {follow}",
			NotificationEvent.ACCEPTED, "{shop}: order {number} was accepted and is being prepared. {follow}",
			NotificationEvent.REJECTED, "{shop}: sorry, we could not take order {number}: {reason}",
			NotificationEvent.READY, "{shop}: order {number} is ready. {follow}");

	public SmsProperties {
		events = events == null || events.isEmpty() ? EnumSet.noneOf(NotificationEvent.class) : EnumSet.copyOf(events);
		Map<NotificationEvent, String> merged = new EnumMap<>(DEFAULT_TEMPLATES);
		if (templates != null) {
			templates.forEach((event, text) -> {
				if (text != null && !text.isBlank()) {
					merged.put(event, text);
				}
			});
		}
		templates = Map.copyOf(merged);
		apiKey = blankToNull(apiKey);
		senderId = blankToNull(senderId);
		baseUrl = blankToNull(baseUrl);
		callbackToken = blankToNull(callbackToken);
		username = username == null || username.isBlank() ? "sandbox" : username.strip();
		shopName = blankToNull(shopName);
	}

	/** Explicitly set, or on exactly when an API key is configured. */
	public boolean isEnabled() {
		return enabled != null ? enabled && apiKey != null : apiKey != null;
	}

	/** The configured base URL, or the sandbox's for username {@code sandbox}, else the live one. */
	public String effectiveBaseUrl() {
		if (baseUrl != null) {
			return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		}
		return "sandbox".equals(username) ? SANDBOX_BASE : LIVE_BASE;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** Never print the key. */
	@Override
	public String toString() {
		return "SmsProperties[enabled=" + isEnabled() + ", username=" + username + ", base=" + effectiveBaseUrl()
				+ ", senderId=" + senderId + "]";
	}

	public record Worker(@DefaultValue("1s") Duration pollInterval, @DefaultValue("4") int concurrency,
			@DefaultValue("10") double ratePerSecond, @DefaultValue("6") int maxAttempts,
			@DefaultValue("5s") Duration backoffBase, @DefaultValue("10m") Duration backoffMax,
			@DefaultValue("5s") Duration pauseBase, @DefaultValue("2m") Duration pauseMax,
			@DefaultValue("2m") Duration lease) {
	}

}
