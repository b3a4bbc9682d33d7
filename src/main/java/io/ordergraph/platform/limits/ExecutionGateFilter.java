package io.ordergraph.platform.limits;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits HTTP GraphQL requests through the {@link ExecutionGate}: the slot is held until the (asynchronous) answer is
 * written, or for a subscription over Server-Sent Events until its stream has started, and a request that finds no
 * slot in time gets a 503 whose body is a GraphQL error. It also gives each
 * request its {@link RequestBudget}, cancelled when the client goes away.
 * <p>
 * Tomcat does not watch the connection of an asynchronous request that has read its body, so it learns of a client
 * that went away only when it writes. While a request runs, this filter therefore {@linkplain ConnectionProbe probes}
 * the connection every {@code ordergraph.limits.disconnect-probe}: once it is gone, the budget is cancelled (no more
 * data fetchers, no more SQL) and the slot freed.
 */
class ExecutionGateFilter extends OncePerRequestFilter {

	private static final String STATE = ExecutionGateFilter.class.getName() + ".state";

	private final ExecutionGate gate;

	private final LimitsProperties limits;

	private final ScheduledExecutorService probes;

	ExecutionGateFilter(ExecutionGate gate, LimitsProperties limits) {
		this.gate = gate;
		this.limits = limits;
		this.probes = limits.disconnectProbe().isZero() ? null
				: Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
					.name("ordergraph-disconnect-probe")
					.daemon()
					.factory());
	}

	/** What the probe and the answer share: the answer takes over the connection before writing to it. */
	private static final class Probe {

		private boolean answering;

		private ScheduledFuture<?> task;

		synchronized void answer() {
			answering = true;
			if (task != null) {
				task.cancel(false);
			}
		}

	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAsyncDispatch(request)) {
			// the answer is about to be written: no more probes from here on
			if (request.getAttribute(STATE) instanceof Probe probe) {
				probe.answer();
			}
			chain.doFilter(request, response);
			return;
		}
		if (!"POST".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		if (!gate.enter()) {
			long retry = Math.max(1000, limits.queueWait().toMillis());
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", String.valueOf((retry + 999) / 1000));
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write(ExecutionGate.overloadedBody(retry));
			return;
		}
		AtomicBoolean held = new AtomicBoolean(true);
		Runnable leave = () -> {
			if (held.compareAndSet(true, false)) {
				gate.leave();
			}
		};
		RequestBudget budget = new RequestBudget(limits.requestTimeout());
		// a subscription over Server-Sent Events holds its slot only until it has started: the stream itself is
		// bounded by the subscription caps, and would otherwise keep a slot for as long as it stays open
		budget.onStream(leave);
		request.setAttribute(RequestBudget.KEY, budget);
		Probe probe = new Probe();
		request.setAttribute(STATE, probe);
		try {
			// SQL on this thread (authentication, a blocking controller) knows its budget too
			budget.within(() -> chain.doFilter(request, response));
		}
		catch (IOException | ServletException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
		finally {
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new AsyncListener() {
					@Override
					public void onComplete(AsyncEvent event) {
						probe.answer();
						budget.cancel();
						leave.run();
					}

					@Override
					public void onTimeout(AsyncEvent event) {
						probe.answer();
						budget.cancel();
						leave.run();
					}

					@Override
					public void onError(AsyncEvent event) {
						// the client went away: stop its work
						probe.answer();
						budget.cancel();
						leave.run();
					}

					@Override
					public void onStartAsync(AsyncEvent event) {
					}
				});
				probeWhileRunning(request, response, probe, budget, leave);
			}
			else {
				budget.cancel();
				leave.run();
			}
		}
	}

	private void probeWhileRunning(HttpServletRequest request, HttpServletResponse response, Probe probe,
			RequestBudget budget, Runnable leave) {
		ConnectionProbe connection = ConnectionProbe.of(request);
		String accept = request.getHeader("Accept");
		// a stream (Server-Sent Events) is written as it goes, so its writes find a closed connection themselves
		// (and its connection may carry nothing else)
		if (probes == null || connection == null
				|| (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE))) {
			return;
		}
		long every = limits.disconnectProbe().toMillis();
		synchronized (probe) {
			if (probe.answering) {
				return;
			}
			probe.task = probes.scheduleWithFixedDelay(() -> {
				synchronized (probe) {
					if (probe.answering || budget.cancelled() || response.isCommitted()) {
						return;
					}
					boolean connected;
					try {
						connected = connection.stillConnected();
					}
					catch (RuntimeException ex) {
						connected = false;
					}
					if (!connected) {
						probe.answering = true;
						probe.task.cancel(false);
						budget.cancel();
						leave.run();
					}
				}
			}, every, every, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void destroy() {
		if (probes != null) {
			probes.shutdownNow();
		}
	}

}
