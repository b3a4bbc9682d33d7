package io.ordergraph.platform.limits;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Checks that the client of a running HTTP/1.1 request is still connected: Tomcat does not watch the connection of an
 * asynchronous request that has read its body, so on its own it learns that the client went away only when it writes
 * the answer. The probe asks Tomcat for a non-blocking read of the connection: a client that waits for its answer sends
 * nothing, so anything there (the end of the stream, a reset) means it is gone. Nothing is written to the client.
 * (A client that pipelines its next request behind an unanswered one would read as gone; HTTP clients do not do that
 * by default.)
 * <p>
 * A Tomcat valve hands each GraphQL request its probe as a request attribute; without Tomcat there is none.
 */
@FunctionalInterface
interface ConnectionProbe {

	String ATTRIBUTE = ConnectionProbe.class.getName();

	/** False once the connection is known to be closed or broken. */
	boolean stillConnected();

	static ConnectionProbe of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof ConnectionProbe probe) ? probe : null;
	}

	/** Gives POST requests to the GraphQL path their probe. */
	final class Valve extends ValveBase {

		private final String path;

		Valve(String path) {
			super(true);
			this.path = path;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			if ("POST".equals(request.getMethod()) && path.equals(request.getRequestURI())
					&& "HTTP/1.1".equals(request.getProtocol())) {
				org.apache.coyote.Request coyote = request.getCoyoteRequest();
				request.setAttribute(ATTRIBUTE, (ConnectionProbe) () -> {
					// Tomcat answers 1 for a failed read (end of stream included), else the bytes it could read
					coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
					return coyote.getAvailable() == 0;
				});
			}
			getNext().invoke(request, response);
		}

	}

}
