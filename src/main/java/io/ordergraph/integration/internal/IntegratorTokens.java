package io.ordergraph.integration.internal;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Access tokens for integrators that want OAuth2 client credentials, from Spring Security's OAuth2 client. A token is
 * kept (in this instance's memory) until it is about to expire ({@code refreshMargin} before), then fetched anew;
 * {@link #forget} drops it, e.g. after the integrator answered 401. One fetch at a time per integrator.
 */
final class IntegratorTokens {

	private static final Authentication PRINCIPAL = UsernamePasswordAuthenticationToken
		.unauthenticated("ordergraph-integrations", null);

	private final ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();

	private final Map<String, OAuth2AuthorizedClient> cache = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	IntegratorTokens(Duration connectTimeout, Duration readTimeout, Duration refreshMargin) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(readTimeout);
		RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
		client.setRestClient(RestClient.builder()
			.requestFactory(requests)
			.messageConverters(List.of(new FormHttpMessageConverter(), new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		provider.setAccessTokenResponseClient(client);
		provider.setClockSkew(refreshMargin);
	}

	/** What identifies one set of credentials of one integrator. */
	record Credentials(UUID integratorId, String tokenUrl, String clientId, String clientSecret, String scope) {

		@Override
		public String toString() {
			return "Credentials[integrator " + integratorId + ", client " + clientId + " at " + tokenUrl + "]";
		}

		String key() {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				byte[] hash = digest.digest(String.join("\n", tokenUrl, clientId, clientSecret, scope == null ? "" : scope)
					.getBytes(StandardCharsets.UTF_8));
				return integratorId + ":" + HexFormat.of().formatHex(hash, 0, 12);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A token to send, the cached one while it is fresh enough. */
	String token(Credentials credentials) {
		String key = credentials.key();
		ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
		lock.lock();
		try {
			OAuth2AuthorizedClient current = cache.get(key);
			OAuth2AuthorizationContext context = current == null
					? OAuth2AuthorizationContext.withClientRegistration(registration(key, credentials))
						.principal(PRINCIPAL)
						.build()
					: OAuth2AuthorizationContext.withAuthorizedClient(current).principal(PRINCIPAL).build();
			OAuth2AuthorizedClient fresh = provider.authorize(context); // null: the current one is still good
			if (fresh != null) {
				cache.keySet().removeIf(k -> k.startsWith(credentials.integratorId() + ":") && !k.equals(key));
				cache.put(key, fresh);
				current = fresh;
			}
			return current.getAccessToken().getTokenValue();
		}
		finally {
			lock.unlock();
		}
	}

	/** Drops the cached token if it is still {@code token}, so that the next call fetches a new one. */
	void forget(Credentials credentials, String token) {
		cache.computeIfPresent(credentials.key(),
				(k, client) -> client.getAccessToken().getTokenValue().equals(token) ? null : client);
	}

	/**
	 * Why a token request failed, fit for the delivery's last error: the HTTP status or the OAuth2 error code (a 400
	 * answer's {@code error}), never a secret or the answer's body.
	 */
	static String why(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException response) {
				return "Token request failed (HTTP " + response.getStatusCode().value() + ")";
			}
		}
		if (ex instanceof OAuth2AuthorizationException oauth) {
			return "Token request failed (" + oauth.getError().getErrorCode() + ")";
		}
		return "Token request failed";
	}

	private static ClientRegistration registration(String key, Credentials credentials) {
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(key)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientId(credentials.clientId())
			.clientSecret(credentials.clientSecret())
			.tokenUri(credentials.tokenUrl());
		if (credentials.scope() != null && !credentials.scope().isBlank()) {
			builder.scope(List.of(credentials.scope().trim().split("\\s+")));
		}
		return builder.build();
	}

}
