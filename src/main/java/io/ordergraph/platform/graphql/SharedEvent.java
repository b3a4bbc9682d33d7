package io.ordergraph.platform.graphql;

/**
 * A subscription event made once per event and handed to every subscription that receives it as the same object (see
 * {@code PerEvent}). graphql-java then answers it once for each group of subscribers who would get the same answer
 * ({@link SharedSubscriptionEvents}), not once per subscriber. Implementations are immutable; an event is known by
 * its identity, so the same event read again (a replay) is a new object and answered anew.
 */
public interface SharedEvent {

}
