package io.ordergraph.platform.graphql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * The {@code Decimal} scalar: an exact decimal number written as a JSON string ({@code "939.60"}), so that JavaScript
 * clients never turn it into a float. Inputs must be strings too; a JSON number is refused. Money amounts are
 * scaled to their currency's minor unit by {@link Money#scaled()}, rates by {@link #rate(BigDecimal)}.
 */
public final class Decimal {

	/** Rates (e.g. a tax rate of 16 % as 0.1600) are written with this many fraction digits. */
	public static final int RATE_SCALE = 4;

	/** Every refusal's message starts with this; {@link DecimalInputInterceptor} answers such errors as BAD_REQUEST. */
	static final String REFUSAL = "A Decimal must be";

	/** Plain decimal notation: an optional minus, digits, optionally a point and digits; no exponent. */
	private static final Pattern PLAIN = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

	public static final GraphQLScalarType SCALAR = GraphQLScalarType.newScalar()
		.name("Decimal")
		.description("An exact decimal number as a JSON string, e.g. \"939.60\"")
		.coercing(new Coercing<Object, String>() {
			@Override
			public String serialize(Object input, GraphQLContext context, Locale locale)
					throws CoercingSerializeException {
				if (input instanceof BigDecimal decimal) {
					return decimal.toPlainString();
				}
				if (input instanceof String text && PLAIN.matcher(text).matches()) {
					return text;
				}
				throw new CoercingSerializeException("Not a decimal value");
			}

			@Override
			public Object parseValue(Object input, GraphQLContext context, Locale locale)
					throws CoercingParseValueException {
				if (!(input instanceof String text)) {
					throw new CoercingParseValueException(
							REFUSAL + " sent as a JSON string such as \"12.50\", not as a number");
				}
				return parse(text);
			}

			@Override
			public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) throws CoercingParseLiteralException {
				if (!(input instanceof StringValue text)) {
					throw new CoercingParseLiteralException(
							REFUSAL + " written as a string such as \"12.50\", not as a number");
				}
				try {
					return parse(text.getValue());
				}
				catch (CoercingParseValueException ex) {
					throw new CoercingParseLiteralException(ex.getMessage());
				}
			}

			@Override
			public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
				return new StringValue(serialize(input, context, locale));
			}
		})
		.build();

	private Decimal() {
	}

	/** A rate (a fraction: 0.16 is 16 %) as sent to clients, always with {@link #RATE_SCALE} fraction digits. */
	public static String rate(BigDecimal rate) {
		return rate.setScale(RATE_SCALE, RoundingMode.HALF_UP).toPlainString();
	}

	private static BigDecimal parse(String text) {
		String trimmed = text.strip();
		if (!PLAIN.matcher(trimmed).matches()) {
			throw new CoercingParseValueException(
					REFUSAL + " a plain decimal number such as \"12.50\" (no exponent, no thousands separator)");
		}
		return new BigDecimal(trimmed);
	}

}
