package io.ordergraph.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.GraphQLContext;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;

import io.ordergraph.SqlStatementCounter;
import io.ordergraph.platform.graphql.ForbiddenException;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An employee's live subscriptions read the employee's permissions from the cache, not once per subscription per
 * event; deactivating the employee ends all of them as soon as the change is logged.
 */
class EmployeeFanOutTests extends OrderingTest {

	private static final int SUBSCRIPTIONS = 200;

	@Autowired
	OrderSubscriptionController subscriptions;

	@Test
	void twoHundredSubscriptionsOfOneEmployeeCostNoQueryPerSubscriptionAndEndWhenTheEmployeeIsDeactivated() {
		String subject = newSubject("panel");
		employees.ensure(subject, "Panel " + subject, null, EnumSet.of(Permission.MANAGE_ORDERS));
		// the caller as the GraphQL layer makes it from the employee's token
		Caller caller = new Caller(subject, "Panel", null, Set.of(Caller.ROLE_STAFF), true,
				Set.of(Permission.MANAGE_ORDERS), Instant.now().plus(Duration.ofMinutes(10)));
		String product = product(unique("Juice"), "5", 1000);
		Shopper shopper = shopper();

		AtomicInteger received = new AtomicInteger();
		AtomicInteger withdrawn = new AtomicInteger();
		List<Disposable> open = new ArrayList<>();
		try {
			for (int i = 0; i < SUBSCRIPTIONS; i++) {
				open.add(subscriptions
					.orderEvents(null, caller, GraphQLContext.of(Map.of(Caller.CONTEXT_KEY, caller)))
					.filter(e -> "PLACED".equals(e.type()))
					.subscribe(e -> received.incrementAndGet(), error -> {
						if (error instanceof ForbiddenException) {
							withdrawn.incrementAndGet();
						}
					}));
			}
			long before = SqlStatementCounter.count();
			placeOk(shopper.tester(), List.of(line(product, 1)));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received.get()).isGreaterThanOrEqualTo(SUBSCRIPTIONS));
			// placing the order; re-reading the employee per subscription would be 200 lookups more
			assertThat(SqlStatementCounter.count() - before).isLessThan(60);

			String id = GlobalId.encode("Employee", employees.findBySubject(subject).orElseThrow().getId());
			before = SqlStatementCounter.count();
			manager().document("mutation($input: SetEmployeeActiveInput!) { setEmployeeActive(input: $input) { errors { code } } }")
				.variable("input", Map.of("id", id, "active", false))
				.execute()
				.path("setEmployeeActive.errors")
				.entityList(Object.class)
				.hasSize(0);
			// no order event needed: the employee's change itself ends every one of them
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(withdrawn.get()).isEqualTo(SUBSCRIPTIONS));
			assertThat(SqlStatementCounter.count() - before).isLessThan(40);
		}
		finally {
			open.forEach(Disposable::dispose);
		}
	}

}
