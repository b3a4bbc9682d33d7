package io.ordergraph.platform.events;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * A value derived from an event, computed once for all the subscriptions that receive it rather than once per
 * subscriber: a live event reaches every subscriber of the instance as the same {@link StoredEvent}, so the value of
 * the last few events is kept beside them (replayed events are read per subscriber and simply computed). The function
 * must be pure and its values immutable, as they are shared between threads.
 */
public final class PerEvent<V> implements Function<StoredEvent, V> {

	private static final int SLOTS = 64;

	private record Slot<V>(StoredEvent event, V value) {
	}

	private final Function<StoredEvent, V> compute;

	private final AtomicReferenceArray<Slot<V>> slots = new AtomicReferenceArray<>(SLOTS);

	public PerEvent(Function<StoredEvent, V> compute) {
		this.compute = compute;
	}

	@Override
	public V apply(StoredEvent event) {
		int index = (int) (event.sequence() & (SLOTS - 1));
		Slot<V> slot = slots.get(index);
		if (slot != null && slot.event() == event) {
			return slot.value();
		}
		V value = compute.apply(event);
		slots.set(index, new Slot<>(event, value));
		return value;
	}

}
