package io.ordergraph.platform.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.introspection.Introspection;
import graphql.parser.ParserOptions;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

import io.ordergraph.platform.graphql.Classification;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.transport.WebSocketConnectionClosed;

/**
 * The execution limits around every GraphQL operation: the parser's token limits and the client's address go into
 * the GraphQL context; the request timeout (and, over HTTP, the client going away) cancels the remaining work;
 * WebSocket operations pass the {@link ExecutionGate} as HTTP requests do; and subscriptions are counted per
 * connection and per caller.
 */
class LimitsInterceptor implements WebGraphQlInterceptor, Ordered {

	private final LimitsProperties limits;

	private final ExecutionGate gate;

	private final ClientAddresses addresses;

	private final ParserOptions parserOptions;

	private final Map<String, AtomicInteger> perConnection = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> perCaller = new ConcurrentHashMap<>();

	/** Budgets of the operations running on each WebSocket connection, cancelled when it closes. */
	private final Map<String, Set<RequestBudget>> runningOn = new ConcurrentHashMap<>();

	private final boolean introspection;

	LimitsInterceptor(LimitsProperties limits, ExecutionGate gate, ClientAddresses addresses, boolean introspection) {
		this.limits = limits;
		this.introspection = introspection;
		this.gate = gate;
		this.addresses = addresses;
		this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
			.transform(b -> b.maxTokens(limits.maxTokens()).maxWhitespaceTokens(Math.max(limits.maxTokens(), 50_000))
				.maxRuleDepth(ParserOptions.MAX_RULE_DEPTH));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		RequestBudget budget = (request.getAttributes().get(RequestBudget.KEY) instanceof RequestBudget given) ? given
				: new RequestBudget(limits.requestTimeout());
		Map<Object, Object> context = new HashMap<>();
		context.put(ParserOptions.class, parserOptions);
		context.put(RequestBudget.KEY, budget);
		context.put(CostInstrumentation.CLIENT_ADDRESS, addresses.of(request));
		if (!introspection) {
			context.put(Introspection.INTROSPECTION_DISABLED, true);
		}
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
		if (request instanceof WebSocketGraphQlRequest ws) {
			if (!gate.enter()) {
				return Mono.just(refuse(request, Classification.OVERLOADED, "The server is busy; retry shortly",
						Map.of("retryAfterMs", Math.max(1000, limits.queueWait().toMillis()))));
			}
			String connection = ws.getSessionInfo().getId();
			return Mono.defer(() -> {
				runningOn.computeIfAbsent(connection, id -> ConcurrentHashMap.newKeySet()).add(budget);
				return execute(request, chain, budget);
			}).doFinally(signal -> {
				runningOn.computeIfPresent(connection, (id, budgets) -> {
					budgets.remove(budget);
					return budgets.isEmpty() ? null : budgets;
				});
				gate.leave();
			})
				.map(response -> countSubscription(request, connection, response));
		}
		// Server-Sent Events: one subscription per HTTP request, counted for its caller
		return execute(request, chain, budget).map(response -> countSubscription(request, null, response));
	}

	/** A closed connection's operations stop: no more data fetchers, no more SQL, their slots free. */
	@EventListener
	void connectionClosed(WebSocketConnectionClosed closed) {
		Set<RequestBudget> budgets = runningOn.remove(closed.sessionId());
		if (budgets != null) {
			budgets.forEach(RequestBudget::cancel);
		}
	}

	private Mono<WebGraphQlResponse> execute(WebGraphQlRequest request, Chain chain, RequestBudget budget) {
		// the timeout below cancels the budget (doFinally), and with it the statements still running
		budget.cancelAtDeadline();
		return chain.next(request)
			.doOnNext(response -> {
				// a subscription (WebSocket or Server-Sent Events): its events run long after this request's timeout
				if (response.getData() instanceof Publisher<?>) {
					budget.becomeStream();
				}
			})
			.takeUntilOther(budget.whenCancelled())
			.timeout(limits.requestTimeout(),
					Mono.fromSupplier(() -> refuse(request, Classification.TIMEOUT,
							"The request took longer than " + limits.requestTimeout().toMillis()
									+ " ms; its remaining work was cancelled",
							Map.of("timeoutMs", limits.requestTimeout().toMillis()))))
			.switchIfEmpty(Mono.fromSupplier(() -> refuse(request, Classification.TIMEOUT,
					"The request was cancelled", Map.of())))
			.doFinally(signal -> budget.cancel());
	}

	/**
	 * Counts a subscription against its connection's cap (WebSocket; {@code connection} is null over Server-Sent
	 * Events, where each request carries one) and its caller's: by token subject, else by WebSocket connection, else
	 * (anonymous over Server-Sent Events) by client address.
	 */
	private WebGraphQlResponse countSubscription(WebGraphQlRequest request, String connection,
			WebGraphQlResponse response) {
		if (!(response.getData() instanceof Publisher<?> events)) {
			return response;
		}
		Caller caller = response.getExecutionInput().getGraphQLContext().get(Caller.CONTEXT_KEY);
		String callerKey = (caller != null && caller.subject() != null) ? "subject:" + caller.subject()
				: (connection != null) ? "connection:" + connection : "address:" + addresses.of(request);
		AtomicInteger onConnection = (connection != null)
				? perConnection.computeIfAbsent(connection, k -> new AtomicInteger()) : null;
		AtomicInteger ofCaller = perCaller.computeIfAbsent(callerKey, k -> new AtomicInteger());
		int connectionCount = (onConnection != null) ? onConnection.incrementAndGet() : 1;
		int callerCount = ofCaller.incrementAndGet();
		Runnable release = () -> {
			if (onConnection != null) {
				release(perConnection, connection, onConnection);
			}
			release(perCaller, callerKey, ofCaller);
		};
		if (connectionCount > limits.subscriptions().perConnection()
				|| callerCount > limits.subscriptions().perCaller()) {
			release.run();
			boolean byConnection = connectionCount > limits.subscriptions().perConnection();
			int limit = byConnection ? limits.subscriptions().perConnection() : limits.subscriptions().perCaller();
			GraphQLError refusal = error(Classification.TOO_MANY_SUBSCRIPTIONS,
					(byConnection ? "This connection" : "You") + " already hold" + (byConnection ? "s " : " ") + limit
							+ " subscriptions, the most allowed; end one before starting another",
					Map.of("limit", limit, "per", byConnection ? "connection" : "caller"));
			if (connection != null) {
				return refuse(request, refusal);
			}
			// a stream is all Server-Sent Events carry: the refusal is its one event
			ExecutionResult refused = ExecutionResult.newExecutionResult().addError(refusal).build();
			return response.transform(builder -> builder.data(Flux.just(refused)));
		}
		Flux<?> counted = Flux.from(events).doFinally(signal -> release.run());
		return response.transform(builder -> builder.data(counted));
	}

	private static void release(Map<String, AtomicInteger> counts, String key, AtomicInteger count) {
		if (count.decrementAndGet() <= 0) {
			counts.remove(key, count);
		}
	}

	private static WebGraphQlResponse refuse(WebGraphQlRequest request, ErrorClassification classification,
			String message, Map<String, Object> extensions) {
		return refuse(request, error(classification, message, extensions));
	}

	private static WebGraphQlResponse refuse(WebGraphQlRequest request, GraphQLError error) {
		ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

	private static GraphQLError error(ErrorClassification classification, String message,
			Map<String, Object> extensions) {
		return GraphqlErrorBuilder.newError().errorType(classification).message(message).extensions(extensions).build();
	}

	/** For tests and metrics: subscriptions a signed-in caller holds on this instance. */
	int subscriptionsOf(String subject) {
		AtomicInteger count = perCaller.get("subject:" + subject);
		return (count == null) ? 0 : count.get();
	}

	/** For tests and metrics: subscriptions held on this instance. */
	int subscriptions() {
		return perConnection.values().stream().mapToInt(AtomicInteger::get).sum();
	}

}
