package io.ordergraph.platform.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When an employee's cached permissions are missing or have expired, every subscription of that employee asks at its
 * next event: the employee is read once for all of them, not once each.
 */
class PermissionCacheTests {

	private static final Optional<Set<Permission>> ORDERS = Optional.of(EnumSet.of(Permission.MANAGE_ORDERS));

	/** A loader that counts its reads and holds each one until released; then answers, or fails if told to. */
	private static final class SlowLoader implements Function<String, Optional<Set<Permission>>> {

		final AtomicInteger reads = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		volatile Optional<Set<Permission>> answer = ORDERS;

		volatile RuntimeException failure;

		@Override
		public Optional<Set<Permission>> apply(String subject) {
			reads.incrementAndGet();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (failure != null) {
				throw failure;
			}
			return answer;
		}

	}

	private final PermissionCache cache = new PermissionCache(null, Duration.ofSeconds(30));

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stop() {
		threads.shutdownNow();
	}

	private List<Future<Optional<Set<Permission>>>> askAtOnce(int callers, SlowLoader loader) {
		List<Future<Optional<Set<Permission>>>> answers = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			answers.add(threads.submit(() -> cache.get("panel", loader)));
		}
		return answers;
	}

	@Test
	void callersAskingWhileTheEmployeeIsReadWaitForThatRead() throws Exception {
		SlowLoader loader = new SlowLoader();
		List<Future<Optional<Set<Permission>>>> answers = askAtOnce(200, loader);
		await().atMost(Duration.ofSeconds(10)).until(() -> loader.reads.get() >= 1);
		Thread.sleep(200); // the others have asked by now; each of them reading would count here
		loader.release.countDown();
		for (Future<Optional<Set<Permission>>> answer : answers) {
			assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(ORDERS);
		}
		assertThat(loader.reads.get()).isEqualTo(1);
	}

	@Test
	void aCallerAskingAfterTheEmployeeChangedDoesNotTakeTheReadBegunBefore() throws Exception {
		SlowLoader before = new SlowLoader();
		Future<Optional<Set<Permission>>> first = threads.submit(() -> cache.get("panel", before));
		await().atMost(Duration.ofSeconds(10)).until(() -> before.reads.get() == 1);

		cache.invalidate("panel"); // the employee lost every permission while the first read was under way
		SlowLoader after = new SlowLoader();
		after.answer = Optional.empty();
		after.release.countDown();
		assertThat(cache.get("panel", after)).isEmpty();
		assertThat(after.reads.get()).isEqualTo(1);

		before.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(ORDERS);
		// the read begun before the change is not kept: the next caller reads afresh
		SlowLoader next = new SlowLoader();
		next.answer = Optional.empty();
		next.release.countDown();
		assertThat(cache.get("panel", next)).isEmpty();
	}

	@Test
	void anEntryInUseIsReadAgainInTheBackgroundBeforeItExpires() throws Exception {
		PermissionCache shortLived = new PermissionCache(null, Duration.ofSeconds(6));
		SlowLoader first = new SlowLoader();
		first.release.countDown();
		assertThat(shortLived.get("panel", first)).isEqualTo(ORDERS);
		Thread.sleep(5500); // past the time it is read again (at 3 to 5.4 s), not yet expired (at 6 s)

		SlowLoader refresh = new SlowLoader();
		refresh.answer = Optional.empty(); // the employee lost the permission, and its change event was missed
		Future<Optional<Set<Permission>>> answered = threads.submit(() -> shortLived.get("panel", refresh));
		// answered from the entry while the read goes on behind it
		assertThat(answered.get(1, TimeUnit.SECONDS)).isEqualTo(ORDERS);
		await().atMost(Duration.ofSeconds(1)).until(() -> refresh.reads.get() == 1);
		refresh.release.countDown();

		// the refreshed entry answers, and nobody waits for a read
		SlowLoader unused = new SlowLoader();
		await().atMost(Duration.ofSeconds(1)).until(() -> shortLived.get("panel", unused).isEmpty());
		assertThat(unused.reads.get()).isZero();
	}

	@Test
	void aFailedReadFailsItsWaitersAndIsNotKept() throws Exception {
		SlowLoader failing = new SlowLoader();
		failing.failure = new IllegalStateException("database gone");
		List<Future<Optional<Set<Permission>>>> answers = askAtOnce(20, failing);
		await().atMost(Duration.ofSeconds(10)).until(() -> failing.reads.get() >= 1);
		Thread.sleep(200);
		failing.release.countDown();
		for (Future<Optional<Set<Permission>>> answer : answers) {
			assertThat(answer).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.withRootCauseInstanceOf(IllegalStateException.class);
		}
		assertThat(failing.reads.get()).isEqualTo(1);
		SlowLoader again = new SlowLoader();
		again.release.countDown();
		assertThat(cache.get("panel", again)).isEqualTo(ORDERS);
		assertThat(again.reads.get()).isEqualTo(1);
	}

}
