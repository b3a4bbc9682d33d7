package io.ordergraph.platform.limits;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.Node;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

import org.springframework.graphql.execution.ErrorType;

/**
 * Refuses pathological documents after parsing and before validation, whose work grows faster than the document:
 * too many fragment definitions (a chain of hundreds costs seconds of validation) or directives. The parser's token
 * limits apply while parsing (see {@link LimitsInterceptor}).
 */
final class DocumentLimits implements PreparsedDocumentProvider {

	private final LimitsProperties limits;

	DocumentLimits(LimitsProperties limits) {
		this.limits = limits;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String refusal = refusal(input);
		if (refusal != null) {
			return CompletableFuture.completedFuture(new PreparsedDocumentEntry(
					GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(refusal).build()));
		}
		return CompletableFuture.completedFuture(parseAndValidate.apply(input));
	}

	private String refusal(ExecutionInput input) {
		ParserOptions options = input.getGraphQLContext().get(ParserOptions.class);
		Document document;
		try {
			document = Parser.parse(ParserEnvironment.newParserEnvironment()
				.document(input.getQuery())
				.parserOptions(options != null ? options : ParserOptions.getDefaultOperationParserOptions())
				.build());
		}
		catch (InvalidSyntaxException ex) {
			// graphql-java parses again and reports the syntax error (or the token limit) itself
			return null;
		}
		long fragments = document.getDefinitions().stream().filter(FragmentDefinition.class::isInstance).count();
		if (fragments > limits.maxFragments()) {
			return "The document defines " + fragments + " fragments; the limit is " + limits.maxFragments();
		}
		int[] total = new int[1];
		String perField = directives(document, total);
		if (perField != null) {
			return perField;
		}
		if (total[0] > limits.maxDirectives()) {
			return "The document uses " + total[0] + " directives; the limit is " + limits.maxDirectives();
		}
		return null;
	}

	private String directives(Node<?> node, int[] total) {
		if (node instanceof DirectivesContainer<?> container) {
			List<Directive> directives = container.getDirectives();
			total[0] += directives.size();
			if (directives.size() > limits.maxDirectivesPerField()) {
				return "A selection carries " + directives.size() + " directives; the limit is "
						+ limits.maxDirectivesPerField();
			}
		}
		for (Node<?> child : node.getChildren()) {
			String refusal = directives(child, total);
			if (refusal != null) {
				return refusal;
			}
		}
		return null;
	}

}
