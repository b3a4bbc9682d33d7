package io.ordergraph.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that race each other still create one customer: unique indexes decide, the losers get the answer. */
class CustomerConcurrencyTests extends CustomerTestSupport {

	private static final int RACERS = 6;

	@Test
	void concurrentRetriesWithOneIdempotencyKeyCreateOneCustomer() throws Exception {
		HttpGraphQlTester staff = staff(Permission.MANAGE_ORDERS);
		String name = "Racer " + unique();
		Map<String, Object> input = Map.of("name", name, "phone", randomPhone(), "idempotencyKey", "k-" + unique());
		List<String> ids = race(() -> staff.document(CREATE)
			.variable("input", input)
			.execute()
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get());
		assertThat(ids).hasSize(RACERS).containsOnly(ids.get(0));
		staff.document(SEARCH).variable("search", name).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(1);
	}

	@Test
	void concurrentRegistrationsOfOneSubjectCreateOneCustomer() throws Exception {
		HttpGraphQlTester me = customer(newSubject("customer"));
		String name = "Twice " + unique();
		List<String> codes = race(() -> String.join(",", me.document(REGISTER)
			.variable("input", Map.of("name", name, "phone", randomPhone()))
			.execute()
			.path("registerCustomer.errors[*].code")
			.entityList(String.class)
			.get()));
		assertThat(codes).filteredOn(String::isEmpty).hasSize(1);
		assertThat(codes).filteredOn(c -> !c.isEmpty()).containsOnly("ALREADY_REGISTERED");
		staff(Permission.MANAGE_ORDERS).document(SEARCH).variable("search", name).execute()
			.path("customers.totalCount").entity(Integer.class).isEqualTo(1);
	}

	/** Runs the same request from several threads at once and answers each result. */
	private static List<String> race(java.util.concurrent.Callable<String> request) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < RACERS; i++) {
				futures.add(pool.submit(request));
			}
			List<String> results = new ArrayList<>();
			for (Future<String> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
	}

}
