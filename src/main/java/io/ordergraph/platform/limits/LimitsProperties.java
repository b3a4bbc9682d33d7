package io.ordergraph.platform.limits;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much work one request, one caller and the whole instance may ask for. Every limit is documented, with its
 * default, in docs/security.md.
 * @param maxCost highest static cost (objects a query may return, page sizes multiplied) a request may have
 * @param defaultListSize objects assumed for a list field without page size and without an entry in {@code listSizes}
 * @param listSizes assumed sizes of list fields, by {@code Type.field}
 * @param requestTimeout longest a query or mutation may run; then its remaining work is cancelled
 * @param statementTimeout longest one SQL statement may run (within a request, no longer than the time it has left)
 * @param maxConcurrent requests (queries and mutations) executing at once on this instance
 * @param queueWait how long a request waits for a free slot before it is answered 503
 * @param maxFragments fragment definitions one document may hold
 * @param maxDirectives directives one document may use
 * @param maxDirectivesPerField directives on one field, fragment spread or operation
 * @param maxTokens grammar tokens one document may have (graphql-java's parser limit)
 * @param rate the cost rate limits
 * @param subscriptions the subscription caps
 * @param disconnectProbe how often a running HTTP request checks that its client is still connected (a non-blocking
 * read of its connection), first after this long; zero: never
 */
@ConfigurationProperties("ordergraph.limits")
public record LimitsProperties(Integer maxCost, Integer defaultListSize, Map<String, Integer> listSizes,
		Duration requestTimeout, Duration statementTimeout, Integer maxConcurrent, Duration queueWait, Integer maxFragments, Integer maxDirectives,
		Integer maxDirectivesPerField, Integer maxTokens, Rate rate, Subscriptions subscriptions,
		Duration disconnectProbe) {

	public LimitsProperties {
		maxCost = positive(maxCost, 50_000);
		defaultListSize = positive(defaultListSize, 100);
		listSizes = (listSizes == null) ? Map.of() : Map.copyOf(listSizes);
		requestTimeout = (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero())
				? Duration.ofSeconds(10) : requestTimeout;
		statementTimeout = (statementTimeout == null || statementTimeout.isNegative() || statementTimeout.isZero())
				? Duration.ofSeconds(10) : statementTimeout;
		maxConcurrent = positive(maxConcurrent, 16);
		queueWait = (queueWait == null || queueWait.isNegative()) ? Duration.ofSeconds(3) : queueWait;
		maxFragments = positive(maxFragments, 100);
		maxDirectives = positive(maxDirectives, 50);
		maxDirectivesPerField = positive(maxDirectivesPerField, 4);
		maxTokens = positive(maxTokens, 5_000);
		rate = (rate == null) ? new Rate(null, null, null, null, null) : rate;
		subscriptions = (subscriptions == null) ? new Subscriptions(null, null) : subscriptions;
		disconnectProbe = (disconnectProbe == null || disconnectProbe.isNegative()) ? Duration.ofMillis(250)
				: disconnectProbe;
	}

	/**
	 * @param enabled whether cost is rate limited at all
	 * @param perSubject cost points a signed-in caller (by token subject) may spend per minute, and burst
	 * @param perAddress cost points anonymous callers from one client address may spend per minute, and burst
	 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} is believed
	 * @param maxTracked most callers whose buckets are kept; idle full buckets are dropped beyond it
	 */
	public record Rate(Boolean enabled, Long perSubject, Long perAddress, List<String> trustedProxies,
			Integer maxTracked) {

		public Rate {
			enabled = (enabled == null) || enabled;
			perSubject = (perSubject == null || perSubject <= 0) ? 1_000_000L : perSubject;
			perAddress = (perAddress == null || perAddress <= 0) ? 2_000_000L : perAddress;
			trustedProxies = (trustedProxies == null) ? List.of()
					: trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
			maxTracked = positive(maxTracked, 100_000);
		}

	}

	/**
	 * @param perConnection subscriptions one WebSocket connection may hold at once
	 * @param perCaller subscriptions one caller (token subject, or connection when anonymous) may hold at once on
	 * this instance
	 */
	public record Subscriptions(Integer perConnection, Integer perCaller) {

		public Subscriptions {
			perConnection = positive(perConnection, 100);
			perCaller = positive(perCaller, 200);
		}

	}

	private static int positive(Integer value, int fallback) {
		return (value == null || value <= 0) ? fallback : value;
	}

}
