package io.ordergraph.platform.limits;

import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;

/**
 * With the actuator on a port of its own ({@code management.server.port}), its connector runs on a few platform
 * threads of its own instead of virtual threads: under a CPU-bound flood the virtual threads wait for one of the few
 * carrier threads, behind the requests, while a platform thread gets its share of the CPU from the operating system, so
 * health answers in milliseconds whatever GraphQL is doing.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementServerThreads {

	/** Threads of the management connector: probes and scrapes are small and few. */
	static final int THREADS = 4;

	@Bean
	PlatformThreads managementPlatformThreads(Environment environment) {
		return new PlatformThreads(environment.getProperty("management.server.port", Integer.class),
				environment.getProperty("server.port", Integer.class, 8080));
	}

	/** Runs after Boot's own customizers, among them the one that installs virtual threads. */
	static final class PlatformThreads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		private final Integer managementPort;

		private final int serverPort;

		PlatformThreads(Integer managementPort, int serverPort) {
			this.managementPort = managementPort;
			this.serverPort = serverPort;
		}

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			// this class is also found by the application's component scan: only the management server is changed
			if (managementPort == null || managementPort <= 0 || managementPort == serverPort
					|| !(factory instanceof AbstractConfigurableWebServerFactory server) || server.getPort() != managementPort) {
				return;
			}
			// a connector customizer runs after every protocol handler customizer, Boot's thread settings included
			factory.addConnectorCustomizers(connector -> {
				// no executor given: Tomcat makes its own pool of platform threads
				connector.getProtocolHandler().setExecutor(null);
				if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
					protocol.setMaxThreads(THREADS);
					protocol.setMinSpareThreads(1);
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
