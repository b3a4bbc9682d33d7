package io.ordergraph.platform.limits;

import java.io.IOException;
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
 * written, and a request that finds no slot in time gets a 503 whose body is a GraphQL error. It also gives each
 * request its {@link RequestBudget}, cancelled when the client goes away.
 */
class ExecutionGateFilter extends OncePerRequestFilter {

	private final ExecutionGate gate;

	private final LimitsProperties limits;

	ExecutionGateFilter(ExecutionGate gate, LimitsProperties limits) {
		this.gate = gate;
		this.limits = limits;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
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
		request.setAttribute(RequestBudget.KEY, budget);
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
						budget.cancel();
						leave.run();
					}

					@Override
					public void onTimeout(AsyncEvent event) {
						budget.cancel();
						leave.run();
					}

					@Override
					public void onError(AsyncEvent event) {
						// the client went away: stop its work
						budget.cancel();
						leave.run();
					}

					@Override
					public void onStartAsync(AsyncEvent event) {
					}
				});
			}
			else {
				budget.cancel();
				leave.run();
			}
		}
	}

}
