package io.ordergraph.platform.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Definition;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/** Refuses documents that use more aliases than allowed: aliases multiply the work one request can ask for. */
class AliasLimitInstrumentation extends SimplePerformantInstrumentation {

	private final int maxAliases;

	AliasLimitInstrumentation(int maxAliases) {
		this.maxAliases = maxAliases;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		int aliases = 0;
		for (Definition<?> definition : parameters.getExecutionContext().getDocument().getDefinitions()) {
			if (definition instanceof OperationDefinition operation) {
				aliases += count(operation.getSelectionSet());
			}
			else if (definition instanceof FragmentDefinition fragment) {
				aliases += count(fragment.getSelectionSet());
			}
		}
		if (aliases > maxAliases) {
			throw GraphQlConfiguration
				.badRequest("The query uses " + aliases + " aliases; the limit is " + maxAliases);
		}
		return SimpleInstrumentationContext.noOp();
	}

	private static int count(SelectionSet selectionSet) {
		if (selectionSet == null) {
			return 0;
		}
		int aliases = 0;
		for (Selection<?> selection : selectionSet.getSelections()) {
			if (selection instanceof Field field) {
				aliases += (field.getAlias() != null ? 1 : 0) + count(field.getSelectionSet());
			}
			else if (selection instanceof InlineFragment fragment) {
				aliases += count(fragment.getSelectionSet());
			}
		}
		return aliases;
	}

}
