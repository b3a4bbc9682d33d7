package io.ordergraph.notification.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/** Africa's Talking's documented SMS REST API (the part we use), as a Spring HTTP interface. */
interface AfricasTalkingApi {

	/** Form fields {@code username, to, message, [from], bulkSMSMode, enqueue}; the {@code apiKey} header is set by the client. */
	@PostExchange(url = "/version1/messaging", contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	SendResponse send(@RequestBody MultiValueMap<String, String> form);

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SendResponse(@JsonProperty("SMSMessageData") MessageData data) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record MessageData(@JsonProperty("Message") String message, @JsonProperty("Recipients") List<Recipient> recipients) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Recipient(Integer statusCode, String number, String status, String cost, String messageId) {
	}

}
