package io.ordergraph.platform.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SharedSubscriptionEvents} on a small schema of its own: which subscriptions share an event's answer, and
 * that each event starts with empty data loader caches. (The application's own order events: {@code
 * SharedOrderEventsTests}.)
 */
class SharedSubscriptionEventsTests {

	record Tick(int n) implements SharedEvent {
	}

	record Plain(int n) {
	}

	// language=GraphQL
	private static final String SCHEMA = """
			type Query { unused: Int }
			type Subscription { ticks: Tick! }
			type Tick { n: Int! twice: Int item: Item! }
			type Item { label: String! }
			""";

	// language=GraphQL
	private static final String DOCUMENT = "subscription($label: Boolean!) { ticks { n twice item @include(if: $label) { label } } }";

	private static final Caller ORDER_MANAGER = new Caller("ann", "Ann", null, Set.of(Caller.ROLE_STAFF), true,
			Set.of(Permission.MANAGE_ORDERS), Instant.parse("2030-01-01T00:00:00Z"));

	private static final Caller OTHER_ORDER_MANAGER = new Caller("bob", "Bob", null, Set.of(Caller.ROLE_STAFF), true,
			Set.of(Permission.MANAGE_ORDERS), Instant.parse("2030-01-01T00:00:00Z"));

	private static final Caller PRODUCT_MANAGER = new Caller("ann", "Ann", null, Set.of(Caller.ROLE_STAFF), true,
			Set.of(Permission.MANAGE_ORDERS, Permission.MANAGE_PRODUCTS), Instant.parse("2030-01-01T00:00:00Z"));

	private static final Caller CUSTOMER = new Caller("carol", "Carol", null, Set.of(Caller.ROLE_CUSTOMER), false,
			Set.of(), Instant.parse("2030-01-01T00:00:00Z"));

	private final Sinks.Many<Object> events = Sinks.many().multicast().directBestEffort();

	private final AtomicInteger answered = new AtomicInteger();

	/** Fails the answers to this many events first. */
	private final AtomicInteger failing = new AtomicInteger();

	/** While answering this many events first, the caller changes (as the guard of a next event may change it). */
	private final AtomicInteger changingCaller = new AtomicInteger();

	private GraphQL graphQl;

	/** Each subscription's execution, as graphql-java made it. */
	private final List<ExecutionContext> executions = new ArrayList<>();

	@BeforeEach
	void schema() {
		DataFetcher<Object> twice = env -> {
			answered.incrementAndGet();
			if (failing.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
				throw new IllegalStateException("failed on purpose");
			}
			if (changingCaller.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
				env.getGraphQlContext().put(Caller.CONTEXT_KEY, PRODUCT_MANAGER);
			}
			Object event = env.getSource();
			return 2 * ((event instanceof Tick tick) ? tick.n() : ((Plain) event).n());
		};
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Subscription", type -> type.dataFetcher("ticks", env -> events.asFlux()))
			.type("Tick", type -> type.dataFetcher("n", env -> (env.getSource() instanceof Tick tick) ? tick.n()
					: ((Plain) env.getSource()).n())
				.dataFetcher("twice", twice)
				// keyed by a new object each time, as the application's loaders are keyed by freshly read parents
				.dataFetcher("item", env -> env.getDataLoader("items").load(new Object())))
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
		graphQl = GraphQL.newGraphQL(schema)
			.subscriptionExecutionStrategy(new SharedSubscriptionEvents(new SimpleDataFetcherExceptionHandler()))
			.instrumentation(new SimplePerformantInstrumentation() {
				@Override
				public InstrumentationContext<ExecutionResult> beginExecuteOperation(
						InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
					executions.add(parameters.getExecutionContext());
					return super.beginExecuteOperation(parameters, state);
				}
			})
			.build();
	}

	/** A subscription and the answers it receives. */
	private record Subscribed(List<ExecutionResult> answers, DataLoaderRegistry loaders) {
	}

	private Subscribed subscribe(Caller caller, boolean label) {
		DataLoaderRegistry loaders = DataLoaderRegistry.newRegistry()
			.register("items", DataLoaderFactory.newDataLoader(keys -> CompletableFuture
				.completedFuture(keys.stream().map(key -> Map.of("label", "item")).toList())))
			.build();
		ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(DOCUMENT)
			.variables(Map.of("label", label))
			.graphQLContext(Map.of(Caller.CONTEXT_KEY, caller))
			.dataLoaderRegistry(loaders)
			.build());
		assertThat(result.getErrors()).isEmpty();
		List<ExecutionResult> answers = new ArrayList<>();
		Flux.from(result.<Publisher<ExecutionResult>>getData()).subscribe(answers::add);
		return new Subscribed(answers, loaders);
	}

	@Test
	void anEventIsAnsweredOnceForSubscriptionsOfOneAudience() {
		List<Subscribed> subscriptions = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			subscriptions.add(subscribe((i % 2 == 0) ? ORDER_MANAGER : OTHER_ORDER_MANAGER, true));
		}
		events.tryEmitNext(new Tick(21));
		assertThat(answered).hasValue(1);
		subscriptions.forEach(s -> assertThat(s.answers()).singleElement()
			.extracting(ExecutionResult::getData)
			.isEqualTo(Map.of("ticks", Map.of("n", 21, "twice", 42, "item", Map.of("label", "item")))));
		// a new event is answered anew
		events.tryEmitNext(new Tick(5));
		assertThat(answered).hasValue(2);
	}

	@Test
	void otherCallersAndOtherVariablesAreAnsweredApart() {
		Subscribed manager = subscribe(ORDER_MANAGER, true);
		Subscribed customer = subscribe(CUSTOMER, true);
		Subscribed unlabelled = subscribe(ORDER_MANAGER, false);
		events.tryEmitNext(new Tick(1));
		assertThat(answered).hasValue(3);
		assertThat(manager.answers().get(0).<Map<String, Map<String, Object>>>getData().get("ticks")).containsKey("item");
		assertThat(customer.answers().get(0).<Map<String, Map<String, Object>>>getData().get("ticks")).containsKey("item");
		assertThat(unlabelled.answers().get(0).<Map<String, Map<String, Object>>>getData().get("ticks"))
			.doesNotContainKey("item");
	}

	@Test
	void anEventMadePerSubscriptionIsAnsweredPerSubscription() {
		subscribe(ORDER_MANAGER, true);
		subscribe(ORDER_MANAGER, true);
		events.tryEmitNext(new Plain(3));
		assertThat(answered).hasValue(2);
	}

	@Test
	void anAnswerWithErrorsIsNotHandedOn() {
		failing.set(1);
		Subscribed first = subscribe(ORDER_MANAGER, true);
		Subscribed second = subscribe(ORDER_MANAGER, true);
		events.tryEmitNext(new Tick(4));
		assertThat(first.answers().get(0).getErrors()).hasSize(1);
		assertThat(second.answers().get(0).getErrors()).isEmpty();
		assertThat(second.answers().get(0).<Map<String, Map<String, Object>>>getData().get("ticks"))
			.containsEntry("twice", 8);
	}

	@Test
	void anAnswerMadeWhileTheCallerChangedIsNotHandedOn() {
		changingCaller.set(1);
		Subscribed first = subscribe(ORDER_MANAGER, true);
		Subscribed second = subscribe(OTHER_ORDER_MANAGER, true);
		events.tryEmitNext(new Tick(6));
		// the first answer's fields may have seen the product manager: the second subscription answers on its own
		assertThat(answered).hasValue(2);
		assertThat(first.answers()).hasSize(1);
		assertThat(second.answers()).hasSize(1);
	}

	@Test
	void theDispatchStateOfAnsweredEventsIsNotKept() {
		Subscribed subscription = subscribe(ORDER_MANAGER, true);
		for (int n = 0; n < 100; n++) {
			events.tryEmitNext(new Tick(n));
		}
		// every event answered, its item loaded through the data loader
		assertThat(subscription.answers()).hasSize(100).allSatisfy(answer -> assertThat(answer.getErrors()).isEmpty());
		assertThat(subscription.answers().get(99).<Map<String, Map<String, Object>>>getData().get("ticks"))
			.containsEntry("item", Map.of("label", "item"));
		// graphql-java 25 alone would hold 100: one per event for as long as the subscription lives
		assertThat(EventDispatchStates.of(executions.get(0)).held()).isBetween(0, 1);
	}

	@Test
	void eachEventStartsWithEmptyDataLoaderCaches() {
		Subscribed subscription = subscribe(ORDER_MANAGER, true);
		for (int n = 0; n < 3; n++) {
			events.tryEmitNext(new Tick(n));
		}
		assertThat(subscription.answers()).hasSize(3);
		// the last event's item only, not one per event for as long as the subscription lives
		assertThat(subscription.loaders().getDataLoader("items").getCacheMap().size()).isEqualTo(1);
	}

}
