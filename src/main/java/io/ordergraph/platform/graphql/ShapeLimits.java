package io.ordergraph.platform.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;

/**
 * The limits on a document's shape (depth, then complexity, then aliases, each refused as before), checked once per
 * operation of a document rather than on every request. graphql-java's depth and complexity checks each walk the whole
 * query on every request, a few percent of a catalog page's CPU; their results depend on the document alone, unless
 * {@code @skip} or {@code @include} leave parts out by a variable. So an operation that passed is remembered (by its
 * parsed node, which the document cache keeps the same for the same text), unless its document holds such a directive;
 * one that was refused is checked again on every request and refused again. At most {@link #REMEMBERED} operations are
 * remembered; past that the memory starts again empty.
 */
final class ShapeLimits extends SimplePerformantInstrumentation {

	static final int REMEMBERED = 1000;

	private final MaxQueryDepthInstrumentation depth;

	private final MaxQueryComplexityInstrumentation complexity;

	private final AliasLimitInstrumentation aliases;

	private final Map<OperationDefinition, Boolean> passed = new ConcurrentHashMap<>();

	ShapeLimits(MaxQueryDepthInstrumentation depth, MaxQueryComplexityInstrumentation complexity,
			AliasLimitInstrumentation aliases) {
		this.depth = depth;
		this.complexity = complexity;
		this.aliases = aliases;
	}

	/** The complexity check's state: the other two keep none. */
	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		return complexity.createStateAsync(parameters);
	}

	@Override
	public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
			InstrumentationState state) {
		return complexity.beginValidation(parameters, state);
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
		if (passed.containsKey(operation)) {
			return SimpleInstrumentationContext.noOp();
		}
		depth.beginExecuteOperation(parameters, null);
		complexity.beginExecuteOperation(parameters, state);
		aliases.beginExecuteOperation(parameters, null);
		if (!conditional(parameters.getExecutionContext().getDocument())) {
			if (passed.size() >= REMEMBERED) {
				passed.clear();
			}
			passed.put(operation, Boolean.TRUE);
		}
		return SimpleInstrumentationContext.noOp();
	}

	/** Whether the document leaves any part out by {@code @skip} or {@code @include}. */
	static boolean conditional(Document document) {
		for (Definition<?> definition : document.getDefinitions()) {
			if (definition instanceof OperationDefinition operation && conditional(operation.getSelectionSet())) {
				return true;
			}
			if (definition instanceof FragmentDefinition fragment
					&& (conditional(fragment) || conditional(fragment.getSelectionSet()))) {
				return true;
			}
		}
		return false;
	}

	private static boolean conditional(SelectionSet selections) {
		if (selections == null) {
			return false;
		}
		for (Selection<?> selection : selections.getSelections()) {
			boolean found = switch (selection) {
				case Field field -> conditional(field) || conditional(field.getSelectionSet());
				case InlineFragment fragment -> conditional(fragment) || conditional(fragment.getSelectionSet());
				case FragmentSpread spread -> conditional(spread);
				default -> true; // a kind of selection added later: do not remember what it may leave out
			};
			if (found) {
				return true;
			}
		}
		return false;
	}

	private static boolean conditional(DirectivesContainer<?> node) {
		for (Directive directive : node.getDirectives()) {
			if ("skip".equals(directive.getName()) || "include".equals(directive.getName())) {
				return true;
			}
		}
		return false;
	}

}
