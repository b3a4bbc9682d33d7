package io.ordergraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OrdergraphApplication {

	/** The JDK's setting for the number of carrier threads virtual threads share. */
	static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

	/** Carrier threads unless {@value #CARRIERS} is given: twice the default execution gate (16). */
	static final int DEFAULT_CARRIERS = 32;

	public static void main(String[] args) {
		carriers();
		SpringApplication.run(OrdergraphApplication.class, args);
	}

	/**
	 * Every request runs on a virtual thread, and the JDK gives virtual threads as many carrier threads as the machine
	 * has cores. A virtual thread keeps its carrier until it waits, so on two cores two CPU-bound GraphQL requests
	 * hold both carriers and every other request, health probes included, queues behind them for seconds. With more
	 * carriers than requests executing at once (the execution gate, {@code ordergraph.limits.max-concurrent}), the
	 * operating system shares the cores among them as it does among platform threads, and a probe runs at once.
	 * Must run before the first virtual thread starts: the JDK reads the setting once.
	 */
	static void carriers() {
		if (System.getProperty(CARRIERS) == null) {
			int cores = Runtime.getRuntime().availableProcessors();
			System.setProperty(CARRIERS, String.valueOf(Math.max(cores, DEFAULT_CARRIERS)));
		}
	}

}
