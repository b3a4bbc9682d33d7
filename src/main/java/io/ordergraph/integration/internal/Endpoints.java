package io.ordergraph.integration.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/** Which integrator endpoints we send to: https (http only in embedded mode), public addresses unless allowed. */
public record Endpoints(boolean allowHttp, boolean allowPrivate) {

	/** Why the URL may not be used, or empty when it may. Resolves the host, so call it at send time too. */
	public Optional<String> whyNot(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("Not a valid URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
			return Optional.of(allowHttp ? "Use an http or https URL" : "Use an https URL");
		}
		if (uri.getHost() == null || uri.getUserInfo() != null) {
			return Optional.of("The URL needs a host and no user info");
		}
		if (allowPrivate) {
			return Optional.empty();
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
				if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
						|| address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal(address)) {
					return Optional.of("The host resolves to a loopback, link-local or private address");
				}
			}
		}
		catch (UnknownHostException ex) {
			return Optional.of("The host cannot be resolved");
		}
		return Optional.empty();
	}

	private static boolean uniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

}
