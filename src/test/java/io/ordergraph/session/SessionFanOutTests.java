package io.ordergraph.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.GraphQLContext;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;

import io.ordergraph.SqlStatementCounter;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One table's channel with 1,000 guests listening: an event costs the same few queries as with one. */
class SessionFanOutTests extends SessionTest {

	@Autowired
	SessionSubscriptions subscriptions;

	@Test
	void aThousandGuestsOnOneSessionCostNoQueryPerSubscriber() {
		String staffToken = staffToken(Permission.MANAGE_SESSIONS, Permission.MANAGE_ORDERS);
		Map<String, Object> session = open(withToken(staffToken), unique("Table"));
		String sessionId = (String) session.get("id");
		UUID id = GlobalId.decode(sessionId, "OrderSession");
		String product = product(unique("Water"), "50", "KES", 10, true);
		joinOk((String) session.get("joinCode"), "First");

		AtomicInteger received = new AtomicInteger();
		List<Disposable> guests = new ArrayList<>();
		try {
			for (int i = 0; i < 1000; i++) {
				// the guests' subscriptions as the GraphQL layer opens them, on the real event stream
				Caller guest = Caller.guest("guest:" + UUID.randomUUID(), "Guest " + i, id, Instant.now().plusSeconds(600));
				guests.add(subscriptions.session(id, null, GraphQLContext.of(Map.of(Caller.CONTEXT_KEY, guest)))
					.filter(e -> "ORDER_PLACED".equals(e.type()) && e.order() != null && e.order().lines().size() == 1)
					.subscribe(e -> received.incrementAndGet()));
			}
			long before = SqlStatementCounter.count();
			orderOk(withToken(staffToken), sessionId, product, 1);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(received.get()).isEqualTo(1000));
			// placing the order plus building the event's view once; one query per subscriber would be 1,000 more
			assertThat(SqlStatementCounter.count() - before).isLessThan(100);
		}
		finally {
			guests.forEach(Disposable::dispose);
		}
	}

}
