package io.ordergraph.platform.graphql;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * The data of one answer handed to many subscriptions ({@link SharedSubscriptionEvents}): written as JSON once, the
 * first time a message carries it, and copied as text into every other subscription's message. To Java it is the
 * read-only map it wraps. The data is what graphql-java made of the fields (maps, lists, strings, numbers, booleans),
 * so any JSON mapper writes it alike.
 */
final class EncodedOnce extends AbstractMap<String, Object> implements JacksonSerializable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> data;

	private volatile String json;

	private EncodedOnce(Map<String, Object> data) {
		this.data = data;
	}

	/** The value wrapped if it is an object's data, else the value itself. */
	@SuppressWarnings("unchecked")
	static Object of(Object value) {
		return (value instanceof Map<?, ?> map) ? new EncodedOnce((Map<String, Object>) map) : value;
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		return data.entrySet();
	}

	@Override
	public Object get(Object key) {
		return data.get(key);
	}

	@Override
	public boolean containsKey(Object key) {
		return data.containsKey(key);
	}

	@Override
	public void serialize(JsonGenerator generator, SerializationContext context) {
		String text = json;
		if (text == null) {
			// two threads may both write it first: the same text, once too often
			text = JSON.writeValueAsString(data);
			json = text;
		}
		generator.writeRawValue(text);
	}

	@Override
	public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer types) {
		serialize(generator, context);
	}

}
