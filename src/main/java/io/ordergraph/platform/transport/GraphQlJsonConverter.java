package io.ordergraph.platform.transport;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * The JSON converter of {@code POST /graphql}: reads requests as the application's {@link JsonMapper} does, and writes
 * answers by walking them. An answer is a tree of maps, lists, strings, numbers and booleans (what graphql-java and
 * Spring for GraphQL make of it), and Jackson writes such a tree by looking up a serializer for every value of every
 * map, a tenth of a catalog request's CPU (docs/benchmarks.md, ninth pass). Here those types are written straight to
 * the generator, with the calls Jackson's own serializers make for them, so the text is the same (the generator's
 * features, such as plain BigDecimals, still apply); any other value, and any map with a key that is not a string,
 * goes to the mapper as before. {@code GraphQlJsonConverterTests} compares the two.
 */
final class GraphQlJsonConverter extends JacksonJsonHttpMessageConverter {

	private static final ResolvableType TREE = ResolvableType.forClass(Tree.class);

	GraphQlJsonConverter(JsonMapper mapper) {
		super(mapper);
	}

	@Override
	protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage output,
			Map<String, Object> hints) throws IOException {
		if (object instanceof Map<?, ?> map && !(object instanceof JacksonSerializable)) {
			super.writeInternal(new Tree(map), TREE, output, hints);
		}
		else {
			super.writeInternal(object, type, output, hints);
		}
	}

	/** An answer's map, written by {@link #write}. */
	record Tree(Map<?, ?> map) implements JacksonSerializable {

		@Override
		public void serialize(JsonGenerator generator, SerializationContext context) {
			write(map, generator, context);
		}

		@Override
		public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer types) {
			context.writeValue(generator, map);
		}

	}

	/** Writes a value as Jackson would: maps, lists, strings, numbers and booleans here, anything else by the mapper. */
	static void write(Object value, JsonGenerator generator, SerializationContext context) {
		switch (value) {
			case null -> generator.writeNull();
			case String text -> generator.writeString(text);
			case Map<?, ?> map when stringKeys(map) && !(map instanceof JacksonSerializable) -> {
				generator.writeStartObject(map, map.size());
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					generator.writeName((String) entry.getKey());
					write(entry.getValue(), generator, context);
				}
				generator.writeEndObject();
			}
			case List<?> list when !(list instanceof JacksonSerializable) -> {
				generator.writeStartArray(list, list.size());
				for (Object element : list) {
					write(element, generator, context);
				}
				generator.writeEndArray();
			}
			case Boolean bool -> generator.writeBoolean(bool);
			case Integer number -> generator.writeNumber(number);
			case Long number -> generator.writeNumber(number);
			case Double number -> generator.writeNumber(number);
			case BigDecimal number -> generator.writeNumber(number);
			case BigInteger number -> generator.writeNumber(number);
			default -> context.writeValue(generator, value);
		}
	}

	private static boolean stringKeys(Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String)) {
				return false;
			}
		}
		return true;
	}

}
