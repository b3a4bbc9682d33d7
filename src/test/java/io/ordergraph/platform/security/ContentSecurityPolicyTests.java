package io.ordergraph.platform.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy every response carries (HTML pages, error pages, assets, the API), and GraphiQL served as our own page
 * with its assets from us. Without an identity provider configured; {@code StartupConfigurationTests} covers the
 * policy with one.
 */
class ContentSecurityPolicyTests extends IntegrationTest {

	private static final Pattern ASSET = Pattern.compile("<(?:script|link)[^>]*(?:src|href)=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csp(HttpResponse<?> response) {
		return response.headers().firstValue("Content-Security-Policy").orElseThrow();
	}

	private static List<String> directives(String policy) {
		return List.of(policy.split(";\\s*"));
	}

	@Test
	void graphiqlIsOurOwnPageAndEveryAssetComesFromUs() throws Exception {
		HttpResponse<String> page = get("/graphiql");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
		// our page, not Spring for GraphQL's (which loads everything from esm.sh and starts with an inline module)
		assertThat(page.body()).contains("/graphiql/graphiql-page.js")
			.doesNotContain("esm.sh")
			.doesNotContain("unpkg")
			.doesNotContain("style=")
			.doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
		assertThat(directives(csp(page))).contains("default-src 'self'", "script-src 'self'", "connect-src 'self'",
				"img-src 'self' data: blob:", "font-src 'self' data:", "style-src 'self' 'unsafe-inline'",
				"frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'");

		List<String> assets = new ArrayList<>();
		Matcher asset = ASSET.matcher(page.body());
		while (asset.find()) {
			if (!asset.group(1).startsWith("data:")) {
				assets.add(asset.group(1));
			}
		}
		assertThat(assets).hasSize(7).allSatisfy(a -> assertThat(a).startsWith("/graphiql/"));
		for (String path : assets) {
			HttpResponse<String> file = get(path);
			assertThat(file.statusCode()).as(path).isEqualTo(200);
			assertThat(file.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying(t -> assertThat(t).startsWith(path.endsWith(".css") ? "text/css" : "text/javascript"));
			assertThat(file.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(file.body()).as(path).isNotBlank();
		}
		// the scripts: React and GraphiQL's bundles, graphql-ws, ours
		assertThat(get("/graphiql/vendor/graphiql.js").body()).contains("window.GraphiQL");
		assertThat(get("/graphiql/vendor/graphql-ws.js").body()).contains("graphqlWs");
		// the same page with a trailing slash
		HttpResponse<String> slash = get("/graphiql/");
		assertThat(slash.statusCode()).isEqualTo(200);
		assertThat(slash.body()).isEqualTo(page.body());
		// nothing else of the webjars is served under GraphiQL
		assertThat(get("/graphiql/vendor/graphiql.min.js.map").statusCode()).isIn(401, 404);
	}

	@Test
	void everyOtherResponseAllowsOnlyOurOriginWithoutInlineCode() throws Exception {
		String staff = staffToken();
		List<HttpResponse<String>> responses = List.of(
				// the staff panel and the guest's page, whether or not they exist on this build
				get("/panel"), get("/panel/", "Accept", "text/html"), get("/join/ABCD-1234", "Accept", "text/html"),
				// Spring Boot's error page, for a signed-in browser and for anyone
				get("/no-such-page", "Accept", "text/html", "Authorization", "Bearer " + staff),
				get("/no-such-page", "Accept", "text/html"),
				// the API and the health endpoint
				get("/graphql?query=%7B__typename%7D"), get("/actuator/health"));
		for (HttpResponse<String> response : responses) {
			String where = response.uri() + " (" + response.statusCode() + ")";
			assertThat(directives(csp(response))).as(where)
				.contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
						"img-src 'self' data: blob:", "font-src 'self'", "object-src 'none'", "base-uri 'self'",
						"form-action 'self'", "frame-ancestors 'none'");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(where).hasValue("no-referrer");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(where).hasValue("nosniff");
		}
		// the error page a signed-in browser sees is HTML, and carries the policy like any other
		HttpResponse<String> error = responses.get(3);
		assertThat(error.statusCode()).isEqualTo(404);
	}

	@Test
	void anIssuersOriginIsWhatThePolicyAllows() {
		assertThat(ContentSecurityPolicy.providerOrigin("https://id.example.com/realms/ordergraph"))
			.isEqualTo("https://id.example.com");
		assertThat(ContentSecurityPolicy.providerOrigin("http://LOCALHOST:8081/realms/ordergraph/"))
			.isEqualTo("http://localhost:8081");
		assertThat(ContentSecurityPolicy.providerOrigin(" ")).isNull();
		assertThat(ContentSecurityPolicy.providerOrigin(null)).isNull();
	}

}
