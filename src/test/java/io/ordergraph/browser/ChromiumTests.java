package io.ordergraph.browser;

import org.junit.jupiter.api.Test;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser the other browser tests rely on: it reaches our server on loopback and nothing else. */
class ChromiumTests extends IntegrationTest {

	@Test
	void reachesLoopbackButNotTheInternet() {
		try (Chromium browser = Chromium.start(Chromium.DESKTOP)) {
			browser.open("http://127.0.0.1:" + this.managementPort + "/actuator/health/liveness");
			assertThat(browser.driver().getPageSource()).contains("UP");
			Object outside = browser.asyncScript("const done = arguments[arguments.length - 1];"
					+ "fetch('https://unpkg.com/graphiql/graphiql.min.js', {mode: 'no-cors'})"
					+ ".then(() => done('loaded'), e => done('failed: ' + e.name))");
			assertThat(outside).asString().startsWith("failed");
		}
	}

}
