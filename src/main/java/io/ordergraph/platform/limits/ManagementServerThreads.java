package io.ordergraph.platform.limits;

import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The actuator has a port of its own by default ({@code management.server.port}, 9000), whose connector runs on a
 * few platform threads of its own instead of virtual threads: under a CPU-bound flood the virtual threads wait for one
 * of the few carrier threads, behind the requests, while a platform thread gets its share of the CPU from the
 * operating system, so health answers in milliseconds whatever GraphQL is doing.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementServerThreads {

	/** Threads of the management connector: probes and scrapes are small and few. */
	static final int THREADS = 4;

	@Bean
	PlatformThreads managementPlatformThreads(ApplicationContext context) {
		// only the management server's child context has a parent; the application's own context (which finds this
		// class by its component scan too) keeps its virtual threads
		return new PlatformThreads(context.getParent() != null);
	}

	/** Runs after Boot's own customizers, among them the one that installs virtual threads. */
	static final class PlatformThreads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		private final boolean managementServer;

		PlatformThreads(boolean managementServer) {
			this.managementServer = managementServer;
		}

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			if (!managementServer) {
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
