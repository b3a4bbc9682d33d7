package io.ordergraph.platform.limits;

import java.net.ServerSocket;
import java.util.concurrent.Executor;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.autoconfigure.TomcatVirtualThreadsWebServerFactoryCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management server's connector (management.server.port, 9000 by default) runs on a few platform threads of its
 * own, while the main server keeps the virtual threads Boot gives it: real Tomcat servers on loopback, customized as Boot does.
 */
class ManagementServerThreadsTests {

	@Test
	void managementConnectorRunsOnFourPlatformThreads() throws Exception {
		int management = freePort();
		Executor executor = executorOf(management, new ManagementServerThreads.PlatformThreads(true));
		assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
		assertThat(((ThreadPoolExecutor) executor).getMaximumPoolSize()).isEqualTo(ManagementServerThreads.THREADS);
	}

	@Test
	void mainConnectorKeepsItsVirtualThreads() throws Exception {
		// the customizer the application's own context gets (it has no parent)
		assertThat(executorOf(freePort(), new ManagementServerThreads.PlatformThreads(false)))
			.isInstanceOf(VirtualThreadExecutor.class);
	}

	private static Executor executorOf(int port, ManagementServerThreads.PlatformThreads customizer) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(port);
		new TomcatVirtualThreadsWebServerFactoryCustomizer().customize(factory);
		customizer.customize(factory);
		TomcatWebServer server = (TomcatWebServer) factory.getWebServer();
		try {
			server.start();
			return server.getTomcat().getConnector().getProtocolHandler().getExecutor();
		}
		finally {
			server.stop();
			server.destroy();
		}
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
