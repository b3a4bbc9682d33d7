package io.ordergraph.notification.internal;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.ordergraph.notification.NotificationEvent;

/** Renders the configured per-event template: {shop}, {number}, {total}, {status}, {reason}, {follow}. */
@Component
public class SmsTemplates {

	private final SmsProperties properties;

	private final String defaultShop;

	SmsTemplates(SmsProperties properties,
			@org.springframework.beans.factory.annotation.Value("${ordergraph.ordering.seller.name:Ordergraph}") String sellerName) {
		this.properties = properties;
		this.defaultShop = sellerName;
	}

	public String render(NotificationEvent event, Map<String, String> values) {
		String text = properties.templates().get(event);
		String shop = properties.shopName() != null ? properties.shopName() : defaultShop;
		text = text.replace("{shop}", shop).replace("{follow}", properties.followHint());
		for (Map.Entry<String, String> value : values.entrySet()) {
			text = text.replace("{" + value.getKey() + "}", value.getValue() == null ? "" : value.getValue());
		}
		return text.strip();
	}

}
