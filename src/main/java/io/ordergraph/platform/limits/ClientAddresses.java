package io.ordergraph.platform.limits;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * The address a request comes from, for per-address rate limits. {@code X-Forwarded-For} is believed only when the
 * connection comes from a configured trusted proxy; then the rightmost address that is not itself a trusted proxy is
 * the client.
 */
final class ClientAddresses {

	private final List<String> trustedProxies;

	ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	String of(WebGraphQlRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote == null) ? "unknown"
				: (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
		if (!trusted(peer)) {
			return peer;
		}
		List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).strip();
			if (!hop.isEmpty() && !trusted(hop)) {
				return hop;
			}
		}
		return peer;
	}

	private boolean trusted(String address) {
		return trustedProxies.contains(address) || trustedProxies.contains("*");
	}

}
