package io.ordergraph.platform.limits;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

	/** Documents kept parsed and validated; a client's handful of queries repeats, so a few hundred cover them. */
	static final int CACHED_DOCUMENTS = 500;

	private final LimitsProperties limits;

	// parsing and validating costs more than executing a small query; both depend on the text (and locale) alone
	private final Map<String, PreparsedDocumentEntry> cache = new ConcurrentHashMap<>();

	DocumentLimits(LimitsProperties limits) {
		this.limits = limits;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String key = input.getLocale() + "\n" + input.getQuery();
		PreparsedDocumentEntry known = cache.get(key);
		if (known != null) {
			return CompletableFuture.completedFuture(known);
		}
		String refusal = refusal(input);
		if (refusal != null) {
			return CompletableFuture.completedFuture(new PreparsedDocumentEntry(
					GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(refusal).build()));
		}
		PreparsedDocumentEntry entry = parseAndValidate.apply(input);
		if (cache.size() >= CACHED_DOCUMENTS) {
			// a flood of distinct documents costs what it would without the cache; the next hits fill it again
			cache.clear();
		}
		cache.put(key, entry);
		return CompletableFuture.completedFuture(entry);
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
