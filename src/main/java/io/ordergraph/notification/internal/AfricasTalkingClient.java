package io.ordergraph.notification.internal;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import io.ordergraph.notification.NotificationStatus;
import io.ordergraph.platform.outbox.Outcome;

/**
 * Sends one SMS and says what the answer means. Recipient status codes as Africa's Talking documents them: 100
 * Processed, 101 Sent, 102 Queued are accepted; 401-409 are final refusals for this recipient, recorded by name;
 * 500-502 and transport failures (5xx, timeouts, refused connections) are retried. The API key travels only in
 * the {@code apiKey} header and is scrubbed from every error text.
 */
public class AfricasTalkingClient {

	static final String MESSAGE_ID = "messageId";

	static final String COST = "cost";

	static final String PROVIDER_STATUS = "providerStatus";

	private static final Map<Integer, String> REFUSALS = Map.of(401, "RiskHold", 402, "InvalidSenderId", 403,
			"InvalidPhoneNumber", 404, "UnsupportedNumberType", 405, "InsufficientBalance", 406, "UserInBlacklist", 407,
			"CouldNotRoute", 409, "DoNotDisturbRejection");

	private static final Map<Integer, String> PROVIDER_ERRORS = Map.of(500, "InternalServerError", 501,
			"GatewayError", 502, "RejectedByGateway");

	private final AfricasTalkingApi api;

	private final SmsProperties properties;

	AfricasTalkingClient(SmsProperties properties) {
		this.properties = properties;
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(properties.readTimeout());
		RestClient rest = RestClient.builder()
			.baseUrl(properties.effectiveBaseUrl())
			.requestFactory(factory)
			.defaultHeader("apiKey", properties.apiKey() == null ? "" : properties.apiKey())
			.build();
		this.api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest))
			.build()
			.createClient(AfricasTalkingApi.class);
	}

	public Outcome send(String to, String message) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", properties.username());
		form.add("to", to);
		form.add("message", message);
		if (properties.senderId() != null) {
			form.add("from", properties.senderId());
		}
		form.add("bulkSMSMode", "1");
		form.add("enqueue", "1");
		AfricasTalkingApi.SendResponse response;
		try {
			response = api.send(form);
		}
		catch (HttpStatusCodeException ex) {
			int code = ex.getStatusCode().value();
			String error = "Africa's Talking answered HTTP " + code + excerpt(ex.getResponseBodyAsString());
			if (code >= 500 || code == 401 || code == 403 || code == 429) {
				// its side, or our credentials: nothing this message can change; retried, and the worker pauses
				return new Outcome.Retry(scrub(error), true);
			}
			return new Outcome.Refused(NotificationStatus.FAILED.name(), scrub(error), Map.of());
		}
		catch (ResourceAccessException ex) {
			Throwable cause = ex.getMostSpecificCause();
			return new Outcome.Retry(scrub("Africa's Talking could not be reached: " + describe(cause)), true);
		}
		catch (RestClientException ex) {
			return new Outcome.Retry(scrub("Africa's Talking sent an answer we could not read"), false);
		}
		return interpret(response);
	}

	private Outcome interpret(AfricasTalkingApi.SendResponse response) {
		if (response == null || response.data() == null || response.data().recipients() == null
				|| response.data().recipients().isEmpty()) {
			String message = response == null || response.data() == null ? null : response.data().message();
			return new Outcome.Retry(scrub("Africa's Talking accepted no recipient"
					+ (message == null ? "" : ": " + clip(message, 200))), false);
		}
		AfricasTalkingApi.Recipient recipient = response.data().recipients().get(0);
		int code = recipient.statusCode() == null ? -1 : recipient.statusCode();
		String name = recipient.status() != null ? recipient.status()
				: REFUSALS.getOrDefault(code, PROVIDER_ERRORS.getOrDefault(code, "Unknown"));
		Map<String, Object> details = new HashMap<>();
		details.put(PROVIDER_STATUS, clip(name, 50));
		if (code >= 100 && code <= 102) {
			if (recipient.messageId() != null && !"None".equals(recipient.messageId())) {
				details.put(MESSAGE_ID, clip(recipient.messageId(), 100));
			}
			if (recipient.cost() != null) {
				details.put(COST, recipient.cost());
			}
			return new Outcome.Delivered(NotificationStatus.SENT.name(), details);
		}
		if (REFUSALS.containsKey(code)) {
			return new Outcome.Refused(NotificationStatus.REJECTED.name(),
					"Refused by Africa's Talking: " + REFUSALS.get(code) + " (" + code + ")", details);
		}
		if (PROVIDER_ERRORS.containsKey(code)) {
			return new Outcome.Retry("Africa's Talking error: " + PROVIDER_ERRORS.get(code) + " (" + code + ")",
					code != 502);
		}
		return new Outcome.Retry(scrub("Africa's Talking answered status code " + code + " (" + clip(name, 50) + ")"),
				false);
	}

	/** "KES 0.8000" as an amount and a currency, or null. */
	static Object[] parseCost(Object cost) {
		if (!(cost instanceof String text)) {
			return null;
		}
		String[] parts = text.strip().split("\\s+");
		if (parts.length != 2 || !parts[0].matches("[A-Z]{3}")) {
			return null;
		}
		try {
			java.util.Currency.getInstance(parts[0]);
			return new Object[] { new BigDecimal(parts[1]), parts[0] };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String describe(Throwable cause) {
		String kind = cause.getClass().getSimpleName();
		if (kind.contains("Timeout")) {
			return "timed out";
		}
		if (kind.contains("Connect")) {
			return "connection refused or failed";
		}
		return kind;
	}

	private static String excerpt(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		return ": " + clip(body.strip().replaceAll("\\s+", " "), 200);
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max) + "…";
	}

	private String scrub(String text) {
		String key = properties.apiKey();
		return key == null || key.length() < 4 ? text : text.replace(key, "[redacted]");
	}

}
