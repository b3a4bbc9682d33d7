package io.ordergraph.platform.graphql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/** The extended-scalars {@code DateTime}, also serializing {@link Instant}s (as UTC). */
final class InstantDateTime {

	@SuppressWarnings("unchecked")
	private static final Coercing<Object, Object> DELEGATE = (Coercing<Object, Object>) ExtendedScalars.DateTime
		.getCoercing();

	static final GraphQLScalarType SCALAR = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description(ExtendedScalars.DateTime.getDescription())
		.coercing(new Coercing<Object, Object>() {
			@Override
			public Object serialize(Object input, GraphQLContext context, Locale locale)
					throws CoercingSerializeException {
				Object value = (input instanceof Instant instant) ? instant.atOffset(ZoneOffset.UTC) : input;
				return DELEGATE.serialize(value, context, locale);
			}

			@Override
			public Object parseValue(Object input, GraphQLContext context, Locale locale)
					throws CoercingParseValueException {
				return DELEGATE.parseValue(input, context, locale);
			}

			@Override
			public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) throws CoercingParseLiteralException {
				return DELEGATE.parseLiteral(input, variables, context, locale);
			}

			@Override
			public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
				Object value = (input instanceof Instant instant) ? instant.atOffset(ZoneOffset.UTC) : input;
				return DELEGATE.valueToLiteral(value, context, locale);
			}
		})
		.build();

	private InstantDateTime() {
	}

}
