package io.ordergraph.platform.events;

/**
 * Reacts to a domain event inside the transaction that publishes it, e.g. to write an outbox row that must commit
 * (or roll back) together with the change. Called synchronously by {@link EventPublisher#publish}; whatever it
 * writes is part of that transaction, and an exception it throws fails the change. Handlers must not publish events
 * themselves.
 */
public interface DomainEventHandler {

	void handle(DomainEvent event);

}
