package io.ordergraph.platform.graphql;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import graphql.execution.ExecutionContext;

/**
 * Forgets the data loader dispatch state of a subscription's finished events. graphql-java 25 keeps one for every
 * event a subscription ever received (an entry of about 1 KB in its dispatch strategy's
 * {@code alternativeCallContextMap}, put by {@code newSubscriptionExecution} and never removed: a panel open all
 * day in a busy shop would hold megabytes). graphql-java 26 removes it itself (graphql-java#4384); with it the field
 * is still there and this does what it does anyway. Without the field (another dispatch strategy, a later release)
 * this does nothing.
 * <p>
 * Safe because a subscription's events arrive one after another (Reactive Streams never calls {@code onNext}
 * concurrently): when the next event is being answered, graphql-java is done with every earlier event whose answer is
 * complete, so their states are removed then, and the last event's stays until the next arrives.
 */
final class EventDispatchStates {

	private static final String KEY = EventDispatchStates.class.getName();

	private static final ClassValue<Field> STATES = new ClassValue<>() {
		@Override
		protected Field computeValue(Class<?> strategy) {
			try {
				Field field = strategy.getDeclaredField("alternativeCallContextMap");
				if (!Map.class.isAssignableFrom(field.getType())) {
					return null;
				}
				field.setAccessible(true);
				return field;
			}
			catch (NoSuchFieldException | RuntimeException ex) {
				return null;
			}
		}
	};

	private record Event(Object callContext, CompletableFuture<?> answered) {
	}

	private final Map<?, ?> states;

	private final Queue<Event> events = new ConcurrentLinkedQueue<>();

	private EventDispatchStates(Map<?, ?> states) {
		this.states = states;
	}

	/** The subscription's, made at its first event. */
	static EventDispatchStates of(ExecutionContext context) {
		return context.getGraphQLContext().computeIfAbsent(KEY,
				key -> new EventDispatchStates(statesOf(context.getDataLoaderDispatcherStrategy())));
	}

	private static Map<?, ?> statesOf(Object strategy) {
		Field field = (strategy != null) ? STATES.get(strategy.getClass()) : null;
		try {
			return (field != null) ? (Map<?, ?>) field.get(strategy) : null;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return null;
		}
	}

	/** Removes the states of the events answered so far; called as the next event is answered. */
	void forgetAnswered() {
		if (states != null) {
			events.removeIf(event -> {
				if (!event.answered().isDone()) {
					return false;
				}
				states.remove(event.callContext());
				return true;
			});
		}
	}

	/** An event being answered, whose state to remove once it is answered and another event arrives. */
	void answering(Object callContext, CompletableFuture<?> answered) {
		if (states != null && callContext != null) {
			events.add(new Event(callContext, answered));
		}
	}

	/** How many events' states the dispatch strategy holds (for tests); -1 if unknown. */
	int held() {
		return (states != null) ? states.size() : -1;
	}

}
