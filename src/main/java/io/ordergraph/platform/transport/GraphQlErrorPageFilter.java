package io.ordergraph.platform.transport;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the error dispatch of a failed {@code /graphql} request with a GraphQL response body instead of Spring
 * Boot's error JSON, keeping the status. Other paths get the usual error page.
 */
class GraphQlErrorPageFilter extends OncePerRequestFilter {

	private final String graphQlPath;

	GraphQlErrorPageFilter(String graphQlPath) {
		this.graphQlPath = graphQlPath;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !graphQlPath.equals(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (response.isCommitted()) {
			return;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object override = request.getAttribute(GraphQlErrorResponses.STATUS);
		int status = (override instanceof Integer value) ? value
				: (code instanceof Integer value) ? value : response.getStatus();
		if (status < 400) {
			status = 500;
		}
		Object classification = request.getAttribute(GraphQlErrorResponses.CLASSIFICATION);
		Object message = request.getAttribute(GraphQlErrorResponses.MESSAGE);
		GraphQlErrorResponses.write(response, status,
				(classification instanceof String c) ? c : GraphQlErrorResponses.classification(status),
				(message instanceof String m) ? m : GraphQlErrorResponses.message(status));
	}

}
