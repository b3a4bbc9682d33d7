package io.ordergraph.integration.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which integrator endpoints are refused (the rule used at registration and again before every send). Plain JUnit. */
class EndpointsTests {

	private final Endpoints production = new Endpoints(false, false);

	@Test
	void outsideEmbeddedModeOnlyHttpsIsAccepted() {
		assertThat(production.whyNot("http://93.184.215.14/hook")).contains("Use an https URL");
		assertThat(production.whyNot("ftp://93.184.215.14/hook")).contains("Use an https URL");
		assertThat(production.whyNot("https://93.184.215.14/hook")).isEmpty();
		assertThat(new Endpoints(true, false).whyNot("http://93.184.215.14/hook")).isEmpty();
	}

	@Test
	void loopbackLinkLocalAndPrivateAddressesAreRefusedUnlessAllowed() {
		for (String url : new String[] { "https://127.0.0.1/hook", "https://127.8.9.10/hook", "https://[::1]/hook",
				"https://10.1.2.3/hook", "https://172.16.0.5/hook", "https://192.168.1.1/hook",
				"https://169.254.169.254/latest/meta-data", "https://0.0.0.0/hook", "https://[fd00::1]/hook",
				"https://[fe80::1]/hook" }) {
			assertThat(production.whyNot(url)).as(url)
				.contains("The host resolves to a loopback, link-local or private address");
			assertThat(new Endpoints(false, true).whyNot(url)).as(url).isEmpty();
		}
	}

	@Test
	void aNameIsJudgedByTheAddressesItResolvesTo() {
		// localhost is a DNS name, not a literal: it resolves to 127.0.0.1 (and ::1)
		assertThat(production.whyNot("https://localhost:8443/hook"))
			.contains("The host resolves to a loopback, link-local or private address");
		assertThat(production.whyNot("https://no-such-host.invalid/hook")).contains("The host cannot be resolved");
	}

	@Test
	void malformedUrlsAndUserInfoAreRefused() {
		assertThat(production.whyNot("not a url")).isPresent();
		assertThat(production.whyNot("https://user:pass@93.184.215.14/hook"))
			.contains("The URL needs a host and no user info");
	}

}
