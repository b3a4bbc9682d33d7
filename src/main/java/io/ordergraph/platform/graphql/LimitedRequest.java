package io.ordergraph.platform.graphql;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import io.ordergraph.platform.transport.GraphQlErrorResponses;

/** A request whose body may not exceed a number of bytes: reading past it fails, and the request with it. */
final class LimitedRequest extends HttpServletRequestWrapper {

	private final long maxBytes;

	LimitedRequest(HttpServletRequest request, long maxBytes) {
		super(request);
		this.maxBytes = maxBytes;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		ServletInputStream in = super.getInputStream();
		return new ServletInputStream() {

			private long read;

			@Override
			public int read() throws IOException {
				int b = in.read();
				if (b >= 0) {
					count(1);
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = in.read(buffer, offset, length);
				if (n > 0) {
					count(n);
				}
				return n;
			}

			private void count(int n) throws IOException {
				read += n;
				if (read > maxBytes) {
					String message = "The request is larger than " + maxBytes + " bytes";
					// the error dispatch answers 413 with this, as for a request with a Content-Length
					GraphQlErrorResponses.describe(LimitedRequest.this, 413, "BAD_REQUEST", message);
					throw new IOException(message);
				}
			}

			@Override
			public boolean isFinished() {
				return in.isFinished();
			}

			@Override
			public boolean isReady() {
				return in.isReady();
			}

			@Override
			public void setReadListener(ReadListener listener) {
				in.setReadListener(listener);
			}
		};
	}

}
