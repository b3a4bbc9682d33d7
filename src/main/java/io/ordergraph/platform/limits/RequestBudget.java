package io.ordergraph.platform.limits;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The time one request may still use: past its deadline, or once its client has gone, no data fetcher starts and no
 * SQL statement is sent for it (see {@link BudgetedStatements}).
 * <p>
 * The budget travels in the GraphQL context under {@link #KEY}; it is also a thread local under the same key,
 * registered with Micrometer's context propagation, so Spring for GraphQL sets it on every thread that works for the
 * request (data fetchers, batch loaders) and SQL code deep below can ask {@link #current()}.
 */
public final class RequestBudget {

	/** Request attribute (HTTP), GraphQL context key and thread local key under which the budget travels. */
	public static final String KEY = RequestBudget.class.getName();

	private static final ThreadLocal<RequestBudget> CURRENT = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new ThreadLocalAccessor<RequestBudget>() {
			@Override
			public Object key() {
				return KEY;
			}

			@Override
			public RequestBudget getValue() {
				return CURRENT.get();
			}

			@Override
			public void setValue(RequestBudget value) {
				CURRENT.set(value);
			}

			@Override
			public void setValue() {
				CURRENT.remove();
			}
		});
	}

	private final long deadline;

	private final Sinks.Empty<Void> cancelled = Sinks.empty();

	private volatile boolean cancel;

	private volatile boolean stream;

	private volatile Runnable onStream;

	private volatile boolean cancelledAtDeadline;

	/** This request's statements, cancelled with it (guarded by itself). */
	private final List<Statement> statements = new ArrayList<>();

	/** When this request's work last let others have its carrier (a heuristic: not synchronized). */
	private long sliceStart = System.nanoTime();

	RequestBudget(Duration timeout) {
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	/** The budget of the request this thread works for, or null (background work, start-up). */
	static RequestBudget current() {
		return CURRENT.get();
	}

	/** Runs {@code work} on this thread as work of this request. */
	void within(ThrowingRunnable work) throws Exception {
		RequestBudget previous = CURRENT.get();
		CURRENT.set(this);
		try {
			work.run();
		}
		finally {
			if (previous == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(previous);
			}
		}
	}

	interface ThrowingRunnable {

		void run() throws Exception;

	}

	boolean exhausted() {
		return !stream && (cancel || System.nanoTime() - deadline > 0);
	}

	/**
	 * The operation turned out to be a subscription: its events come long after the timeout, each checked on its own
	 * (SubscriptionGuard), so from now on this budget limits nothing.
	 */
	void becomeStream() {
		stream = true;
		Runnable then = onStream;
		if (then != null) {
			then.run();
		}
	}

	/** What to do once the operation turns out to be a subscription (set before it runs). */
	void onStream(Runnable then) {
		this.onStream = then;
	}

	/** Whether this budget still bounds its request's work (false for a subscription's events). */
	boolean bounds() {
		return !stream;
	}

	/** Milliseconds left before the deadline; 0 once exhausted. */
	long remainingMillis() {
		if (cancel) {
			return 0;
		}
		return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
	}

	/**
	 * Lets other virtual threads have this one's carrier when this request has computed for a while: a virtual thread
	 * keeps its carrier (one per core) until it waits, so a CPU-bound request would keep every other request, and
	 * every health probe, waiting for as long as it computes. Called before each data fetcher; a yield goes to the back
	 * of the scheduler's queue, so requests share the cores in slices of about {@link #SLICE_NANOS}.
	 */
	void shareCarrier() {
		long now = System.nanoTime();
		if (now - sliceStart > SLICE_NANOS) {
			if (Thread.currentThread().isVirtual()) {
				Thread.yield();
				now = System.nanoTime();
			}
			sliceStart = now;
		}
	}

	/** How long a request computes before it lets others have its carrier. */
	static final long SLICE_NANOS = 2_000_000;

	/** Refuses to start more work once the budget is spent. */
	void require() {
		if (exhausted()) {
			throw new RequestTimeoutException();
		}
	}

	/**
	 * Whoever runs this request promises to {@link #cancel} it at its deadline (LimitsInterceptor's timeout does), so
	 * its statements need no timer of their own: they are cancelled with it ({@link #cancelWith}).
	 */
	void cancelAtDeadline() {
		cancelledAtDeadline = true;
	}

	/** Whether this request's statements are cancelled with it at its deadline (not while it is a stream). */
	boolean cancelsStatements() {
		return cancelledAtDeadline && !stream;
	}

	/** Cancels this statement, if it is still running, when the request is cancelled; refuses it if it already is. */
	void cancelWith(Statement statement) {
		synchronized (statements) {
			if (cancel) {
				throw new RequestTimeoutException();
			}
			statements.add(statement);
		}
	}

	/** Stops the remaining work: the deadline passed, the client went away, or the answer was already given. */
	void cancel() {
		cancel = true;
		List<Statement> running;
		synchronized (statements) {
			running = List.copyOf(statements);
			statements.clear();
		}
		for (Statement statement : running) {
			try {
				// PostgreSQL's driver cancels only a statement still executing; a finished one is left alone
				statement.cancel();
			}
			catch (SQLException | RuntimeException ex) {
				// closed meanwhile: nothing left to cancel
			}
		}
		cancelled.tryEmitEmpty();
	}

	boolean cancelled() {
		return cancel && !stream;
	}

	Mono<Void> whenCancelled() {
		return cancelled.asMono();
	}

}
