package io.ordergraph.platform.events;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EventStreamTests extends IntegrationTest {

	@Autowired
	EventPublisher publisher;

	@Autowired
	EventStream stream;

	@Autowired
	EventLog eventLog;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	private void publish(UUID aggregate, int... numbers) {
		transactions.executeWithoutResult(tx -> {
			for (int n : numbers) {
				publisher.publish(new DomainEvent("TestHappened", "Test", aggregate, null, Map.of("n", n)));
			}
		});
	}

	@Test
	void committedEventsReachSubscribersInOrderAndRolledBackOnesNever() {
		UUID aggregate = UUID.randomUUID();
		StepVerifier.create(stream.subscribe(null, e -> e.aggregateId().equals(aggregate)).map(e -> e.data().get("n")))
			.then(() -> publish(aggregate, 1, 2))
			.then(() -> assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
				publisher.publish(new DomainEvent("TestHappened", "Test", aggregate, null, Map.of("n", 99)));
				throw new IllegalStateException("roll back");
			})).hasMessage("roll back"))
			.then(() -> publish(aggregate, 3))
			.expectNext(1, 2, 3)
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void noEventTakesItsSequenceNumberBeforeTheLogLockIsHeld() throws Exception {
		UUID aggregate = UUID.randomUUID();
		long head = eventLog.head();
		long drawn;
		try (Connection holder = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (Statement lock = holder.createStatement()) {
				lock.execute("select pg_advisory_xact_lock(" + EventPublisher.LOCK_KEY + ")");
			}
			drawn = lastSequenceValue(observer);
			Thread writer = Thread.ofPlatform().start(() -> publish(aggregate, 1, 2));
			// the writer's commit waits for the lock, and has drawn no sequence number while it waits
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAdvisoryLock(observer));
			assertThat(writer.isAlive()).isTrue();
			assertThat(lastSequenceValue(observer)).isEqualTo(drawn);
			holder.commit();
			writer.join(10_000);
			assertThat(writer.isAlive()).isFalse();
		}
		List<StoredEvent> written = eventLog.readAfter(head, 1_000)
			.stream()
			.filter(e -> e.aggregateId().equals(aggregate))
			.toList();
		assertThat(written).extracting(e -> e.data().get("n")).containsExactly(1, 2);
		assertThat(written.get(1).sequence()).isGreaterThan(drawn);
	}

	@Test
	void aTransactionWithMoreEventsThanOneStatementHoldsWritesThemAllInOrder() {
		UUID aggregate = UUID.randomUUID();
		long head = eventLog.head();
		int count = 10_001; // 70,007 parameters: more than one statement may have
		publish(aggregate, java.util.stream.IntStream.range(0, count).toArray());
		assertThat(eventLog.readAfter(head, count + 100)
			.stream()
			.filter(e -> e.aggregateId().equals(aggregate))
			.map(e -> e.data().get("n"))
			.toList()).containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).boxed().toList());
	}

	private static long lastSequenceValue(Connection connection) throws SQLException {
		try (Statement query = connection.createStatement();
				ResultSet row = query.executeQuery("select coalesce(pg_sequence_last_value('event_log_seq_seq'), 0)")) {
			row.next();
			return row.getLong(1);
		}
	}

	private static boolean waitingForAdvisoryLock(Connection connection) throws SQLException {
		// a bigint key is held as classid (its high half) and objid (its low half)
		try (Statement query = connection.createStatement();
				ResultSet row = query.executeQuery("select count(*) from pg_locks where locktype = 'advisory'"
						+ " and classid = " + (EventPublisher.LOCK_KEY >>> 32) + " and objid = "
						+ (EventPublisher.LOCK_KEY & 0xffffffffL) + " and objsubid = 1 and not granted")) {
			row.next();
			return row.getLong(1) > 0;
		}
	}

	@Test
	void publishingOutsideATransactionIsABug() {
		assertThatThrownBy(() -> publisher.publish(new DomainEvent("X", "Test", UUID.randomUUID(), null, Map.of())))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void resumingFromACursorReplaysThenContinuesLiveWithoutGapOrDuplicate() {
		UUID aggregate = UUID.randomUUID();
		publish(aggregate, 1, 2, 3);
		List<StoredEvent> logged = eventLog.readAfter(eventLog.head() - 3, 3);
		assertThat(logged).extracting(e -> e.data().get("n")).containsExactly(1, 2, 3);
		long afterFirst = logged.get(0).sequence();
		StepVerifier.create(stream.subscribe(afterFirst, e -> e.aggregateId().equals(aggregate)))
			.assertNext(e -> assertThat(e.data()).containsEntry("n", 2))
			.assertNext(e -> assertThat(e.data()).containsEntry("n", 3))
			.then(() -> publish(aggregate, 4))
			.assertNext(e -> {
				assertThat(e.data()).containsEntry("n", 4);
				assertThat(EventCursor.decode(e.cursor())).isEqualTo(e.sequence());
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void aSlowSubscriberIsToldAndDroppedWithoutHoldingBackOthers() {
		UUID aggregate = UUID.randomUUID();
		AtomicReference<Throwable> slowError = new AtomicReference<>();
		BaseSubscriber<StoredEvent> slow = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
				request(1); // then never again
			}

			@Override
			protected void hookOnError(Throwable throwable) {
				slowError.set(throwable);
			}
		};
		List<Object> fast = new CopyOnWriteArrayList<>();
		stream.subscribe(null, e -> e.aggregateId().equals(aggregate)).subscribe(slow);
		var fastSubscription = stream.subscribe(null, e -> e.aggregateId().equals(aggregate))
			.subscribe(e -> fast.add(e.data().get("n")));
		int total = 1100; // more than the 1000-event buffer
		publish(aggregate, java.util.stream.IntStream.rangeClosed(1, total).toArray());
		await().atMost(Duration.ofSeconds(30)).until(() -> fast.size() == total);
		assertThat(fast).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, total).boxed().toList());
		await().atMost(Duration.ofSeconds(10)).until(() -> slowError.get() != null);
		assertThat(slowError.get()).isInstanceOf(SubscriberTooSlowException.class)
			.hasMessageContaining("Resubscribe with the last cursor");
		fastSubscription.dispose();
	}

	@Test
	void resumingWhileEventsKeepCommittingNeitherLosesNorRepeatsAny() throws Exception {
		UUID aggregate = UUID.randomUUID();
		publish(aggregate, 0);
		long cursor = eventLog.head();
		int total = 300;
		java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(1);
		Thread writer = Thread.ofPlatform().start(() -> {
			for (int n = 1; n <= total; n++) {
				publish(aggregate, n); // one transaction each, as real changes come
				if (n == total / 3) {
					halfway.countDown();
				}
			}
		});
		halfway.await(); // subscribe mid-stream: part replayed, part live, and some seen both ways
		List<Object> received = stream.subscribe(cursor, e -> e.aggregateId().equals(aggregate))
			.map(e -> e.data().get("n"))
			.take(total)
			.collectList()
			.block(Duration.ofSeconds(60));
		writer.join();
		assertThat(received).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, total).boxed().toList());
	}

	@Test
	void aFailedReplayLeavesNoSubscriberBehind() {
		UUID aggregate = UUID.randomUUID();
		publish(aggregate, 1);
		int before = stream.subscriberCount();
		long cursor = eventLog.head() - 1;
		StepVerifier.create(stream.subscribe(cursor, e -> {
			throw new IllegalStateException("filter failed");
		})).expectErrorMessage("filter failed").verify(Duration.ofSeconds(10));
		StepVerifier.create(stream.subscribe(eventLog.head() + 1000, e -> true))
			.expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("ahead of the event log"))
			.verify(Duration.ofSeconds(10));
		assertThat(stream.subscriberCount()).isEqualTo(before);
	}

	@Test
	void malformedCursorIsABadRequest() {
		assertThatThrownBy(() -> EventCursor.decode("nope!")).hasMessageContaining("Malformed");
		assertThat(EventCursor.decode(null)).isNull();
	}

}
