package io.ordergraph.platform.graphql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.VariableReference;
import org.dataloader.DataLoader;

import io.ordergraph.platform.security.Caller;

/**
 * Answers each subscription event. A live event that reaches many subscriptions as one object ({@link SharedEvent})
 * is answered once per audience, and that answer is handed to the rest of the audience, instead of every subscription
 * resolving the event (and reading the database for it) on its own. An audience is the subscriptions with the same
 * document, operation and variables (aside from those only the root field's arguments use: a cursor chooses where a
 * stream starts, not what an event's answer is) whose callers are, at that event, shown the same data
 * ({@link Caller#visibility()}). An answer with errors, or made while the caller changed, is not handed on: each of
 * the others then answers on its own. The answer handed on is also written as JSON only once ({@link EncodedOnce}).
 * <p>
 * Every event also starts with empty data loader caches: a subscription is one request to graphql-java, and its
 * loaders would otherwise keep every event's objects for as long as the subscription lives. For the same reason the
 * data loader dispatch state graphql-java keeps per event is dropped once the event is answered
 * ({@link EventDispatchStates}).
 */
final class SharedSubscriptionEvents extends SubscriptionExecutionStrategy {

	private static final String REQUEST = SharedSubscriptionEvents.class.getName() + ".request";

	/** Live events whose answers are kept: a subscriber further behind than this answers on its own. */
	private static final int SLOTS = 64;

	/** How long the rest of an audience waits for its first member's answer before answering on its own. */
	private static final long WAIT_SECONDS = 5;

	/** What a subscription asks for, the same for each of its events. */
	private record Request(String document, String operationName, Map<String, Object> variables) {
	}

	/**
	 * Who is answered alike: the same request by callers shown the same data, as they are at this event (an
	 * employee's permissions may change while subscribed, see {@code SubscriptionGuard}).
	 */
	private record Audience(Request request, Object visibility) {
	}

	private record Answer(FieldValueInfo.CompleteValueType type, Object value) {
	}

	private record Slot(Object event, ConcurrentMap<Audience, CompletableFuture<Answer>> answers) {
	}

	private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

	SharedSubscriptionEvents(DataFetcherExceptionHandler exceptionHandler) {
		super(exceptionHandler);
	}

	/** Called once per event and subscription, for the subscribed root field with the event as its value. */
	@Override
	protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters,
			Object fetchedValue) {
		EventDispatchStates states = EventDispatchStates.of(context);
		states.forgetAnswered();
		FieldValueInfo answer = completeEvent(context, parameters, fetchedValue);
		states.answering(parameters.getDeferredCallContext(), answer.getFieldValueFuture());
		return answer;
	}

	private FieldValueInfo completeEvent(ExecutionContext context, ExecutionStrategyParameters parameters,
			Object fetchedValue) {
		Object event = FetchedValue.getFetchedValue(fetchedValue);
		if (!(event instanceof SharedEvent)) {
			return answer(context, parameters, fetchedValue);
		}
		Request request = context.getGraphQLContext().computeIfAbsent(REQUEST, key -> request(context, parameters));
		Caller caller = context.getGraphQLContext().get(Caller.CONTEXT_KEY);
		Audience audience = new Audience(request,
				(caller != null) ? caller.visibility() : Caller.anonymous().visibility());
		CompletableFuture<Answer> mine = new CompletableFuture<>();
		CompletableFuture<Answer> first = answersTo(event).putIfAbsent(audience, mine);
		if (first == null) {
			FieldValueInfo answer;
			try {
				answer = answer(context, parameters, fetchedValue);
			}
			catch (RuntimeException ex) {
				mine.complete(null);
				throw ex;
			}
			// graphql-java may answer a subscription's next event while this one is answered, and that event's guard
			// may put a changed caller into the context: then fields of this answer may have seen another audience's
			// caller, and it is not handed on
			answer.getFieldValueFuture().whenComplete((value, failure) -> mine.complete((failure == null
					&& context.getErrors().isEmpty() && parameters.getDeferredCallContext().getErrors().isEmpty()
					&& context.getGraphQLContext().get(Caller.CONTEXT_KEY) == caller)
							? new Answer(answer.getCompleteValueType(), EncodedOnce.of(value)) : null));
			return answer;
		}
		Answer shared = await(first);
		return (shared != null) ? new FieldValueInfo(shared.type(), shared.value())
				: answer(context, parameters, fetchedValue);
	}

	private FieldValueInfo answer(ExecutionContext context, ExecutionStrategyParameters parameters,
			Object fetchedValue) {
		context.getDataLoaderRegistry().getDataLoaders().forEach(DataLoader::clearAll);
		return super.completeField(context, parameters, fetchedValue);
	}

	/** The answers given to this event so far, by audience; an event no longer kept starts afresh. */
	private ConcurrentMap<Audience, CompletableFuture<Answer>> answersTo(Object event) {
		int index = System.identityHashCode(event) & (SLOTS - 1);
		Slot slot = slots.get(index);
		if (slot != null && slot.event() == event) {
			return slot.answers();
		}
		Slot fresh = new Slot(event, new ConcurrentHashMap<>());
		if (slots.compareAndSet(index, slot, fresh)) {
			return fresh.answers();
		}
		// another subscription put its slot first: the same event's, or one that took the place meanwhile
		Slot now = slots.get(index);
		return (now != null && now.event() == event) ? now.answers() : fresh.answers();
	}

	/** The first member's answer, or null if it failed, had errors or took too long. */
	private static Answer await(CompletableFuture<Answer> first) {
		try {
			return first.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	private static Request request(ExecutionContext context, ExecutionStrategyParameters parameters) {
		Set<String> used = new HashSet<>();
		for (Field field : parameters.getField().getFields()) {
			if (field.getSelectionSet() != null) {
				variablesIn(field.getSelectionSet(), used);
			}
		}
		context.getFragmentsByName().values().forEach(fragment -> variablesIn(fragment, used));
		Map<String, Object> variables = new HashMap<>();
		context.getCoercedVariables().toMap().forEach((name, value) -> {
			if (used.contains(name)) {
				variables.put(name, value);
			}
		});
		return new Request(context.getExecutionInput().getQuery(), context.getExecutionInput().getOperationName(),
				variables);
	}

	private static void variablesIn(Node<?> node, Set<String> names) {
		if (node instanceof VariableReference reference) {
			names.add(reference.getName());
		}
		for (Node<?> child : node.getChildren()) {
			variablesIn(child, names);
		}
	}

}
