package io.ordergraph.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * A Decimal sent as a JSON number is a client mistake we name plainly: graphql-java classifies every refused input
 * value as ValidationError, so this answers the refusals of the {@link Decimal} scalar as BAD_REQUEST instead,
 * naming the variable and the path of every such field (graphql-java's message names only the variable).
 */
@Component
class DecimalInputInterceptor implements WebGraphQlInterceptor {

	private final ObjectProvider<GraphQlSource> graphQlSource;

	DecimalInputInterceptor(ObjectProvider<GraphQlSource> graphQlSource) {
		this.graphQlSource = graphQlSource;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(response -> {
			if (response.getErrors().stream().noneMatch(DecimalInputInterceptor::isDecimalRefusal)) {
				return response;
			}
			List<String> paths = numbersForDecimals(request);
			List<GraphQLError> errors = response.getErrors().stream().map(e -> toError(e, paths)).toList();
			return response.transform(builder -> builder.errors(errors));
		});
	}

	private static boolean isDecimalRefusal(ResponseError error) {
		return error.getMessage() != null && error.getMessage().contains(Decimal.REFUSAL);
	}

	private static GraphQLError toError(ResponseError error, List<String> paths) {
		String message = error.getMessage();
		if (isDecimalRefusal(error) && !paths.isEmpty() && message.startsWith("Variable ")) {
			message = "A Decimal must be sent as a JSON string such as \"12.50\", not as a number: "
					+ String.join(", ", paths);
		}
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
			.message(message)
			.locations(error.getLocations())
			.extensions(error.getExtensions());
		if (!error.getParsedPath().isEmpty()) {
			builder.path(error.getParsedPath());
		}
		return builder.errorType(isDecimalRefusal(error) ? ErrorType.BAD_REQUEST : error.getErrorType()).build();
	}

	/** The paths (e.g. {@code input.price.amount}) of the variables' Decimal fields that hold something else than a string. */
	private List<String> numbersForDecimals(WebGraphQlRequest request) {
		List<String> paths = new ArrayList<>();
		try {
			GraphQLSchema schema = graphQlSource.getObject().schema();
			Document document = Parser.parse(request.getDocument());
			for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
				if (request.getOperationName() != null && !request.getOperationName().equals(operation.getName())) {
					continue;
				}
				for (VariableDefinition variable : operation.getVariableDefinitions()) {
					find(inputType(schema, variable.getType()), request.getVariables().get(variable.getName()),
							variable.getName(), paths);
				}
			}
		}
		catch (RuntimeException ex) {
			// the message without paths is still right; never let naming the field fail the answer
		}
		return paths;
	}

	private static GraphQLInputType inputType(GraphQLSchema schema, graphql.language.Type<?> type) {
		if (type instanceof graphql.language.NonNullType nonNull) {
			return GraphQLNonNull.nonNull(inputType(schema, nonNull.getType()));
		}
		if (type instanceof graphql.language.ListType list) {
			return GraphQLList.list(inputType(schema, list.getType()));
		}
		return (GraphQLInputType) schema.getType(((graphql.language.TypeName) type).getName());
	}

	private static void find(GraphQLInputType type, Object value, String path, List<String> paths) {
		if (value == null || type == null) {
			return;
		}
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list && value instanceof List<?> items) {
			for (int i = 0; i < items.size(); i++) {
				find((GraphQLInputType) list.getWrappedType(), items.get(i), path + "[" + i + "]", paths);
			}
		}
		else if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
			fields.forEach((name, field) -> {
				if (object.getField(String.valueOf(name)) != null) {
					find(object.getField(String.valueOf(name)).getType(), field, path + "." + name, paths);
				}
			});
		}
		else if (unwrapped instanceof GraphQLScalarType scalar && scalar.getName().equals(Decimal.SCALAR.getName())
				&& !(value instanceof String)) {
			paths.add(path);
		}
	}

}
