package io.ordergraph.platform.transport;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a GraphQL body to the error statuses of {@code /graphql} that are set without one (405 for a GET, 415 for
 * a body that is not JSON, 406, a refused WebSocket handshake). Errors sent with {@code sendError} go through the
 * error dispatch instead ({@link GraphQlErrorPageFilter}); answers that write a body are left alone.
 */
class BodylessErrorFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Tracking tracking = new Tracking(response);
		chain.doFilter(request, tracking);
		int status = response.getStatus();
		if (status >= 400 && !tracking.handled && !response.isCommitted() && !request.isAsyncStarted()) {
			GraphQlErrorResponses.write(response, status, GraphQlErrorResponses.classification(status),
					GraphQlErrorResponses.message(status));
		}
	}

	/** Notes whether anyone wrote a body or sent an error. */
	private static final class Tracking extends HttpServletResponseWrapper {

		boolean handled;

		Tracking(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			handled = true;
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			handled = true;
			return super.getWriter();
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			handled = true;
			super.sendError(sc, msg);
		}

		@Override
		public void sendError(int sc) throws IOException {
			handled = true;
			super.sendError(sc);
		}

	}

}
