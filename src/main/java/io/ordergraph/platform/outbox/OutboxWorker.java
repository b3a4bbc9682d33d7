package io.ordergraph.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the rows of one {@link OutboxQueue}, on any number of instances sharing the database, without losing or
 * (short of the crash window below) doubling any.
 *
 * <ul>
 * <li>Due rows with the fewest attempts go first, so that one failing row (or the probes during an outage) does
 * not burn the attempts of a single message while fresh ones wait.</li>
 * <li>A row is claimed in a statement of its own ({@code FOR UPDATE SKIP LOCKED}): status SENDING, attempts + 1,
 * claim time and a claim token. The claim is committed <em>before</em> the delivery starts, so a crash during the
 * delivery leaves the row SENDING, never PENDING: it is not sent again behind anyone's back.</li>
 * <li>The outcome is stored in a second transaction, only if the claim token still matches. Retries get an
 * exponential delay with jitter; after {@code maxAttempts} the row is FAILED with the last error.</li>
 * <li>A claim older than the lease belongs to an instance that died mid-delivery. Depending on the queue it becomes
 * UNCERTAIN (a person decides) or PENDING again (the receiver recognises repeats).</li>
 * <li>At most {@code concurrency} deliveries run at once, started at most {@code ratePerSecond}; when the receiver
 * looks down the whole worker pauses (doubling while it stays down), so an outage piles up neither threads nor
 * memory: undelivered rows simply wait in the table.</li>
 * </ul>
 */
public class OutboxWorker implements SmartLifecycle {

	public static final String PENDING = "PENDING";

	public static final String SENDING = "SENDING";

	public static final String FAILED = "FAILED";

	public static final String UNCERTAIN = "UNCERTAIN";

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private static final int MAX_ERROR = 500;

	private final OutboxQueue queue;

	private final OutboxSettings settings;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String instance = UUID.randomUUID().toString();

	private final Semaphore permits;

	private final Object signal = new Object();

	private boolean woken;

	private volatile boolean running;

	private volatile long pausedUntilNanos;

	private int consecutiveDown;

	private long nextStartNanos;

	private long nextRecoveryNanos;

	private Thread loop;

	private ExecutorService executor;

	public OutboxWorker(OutboxQueue queue, OutboxSettings settings, JdbcTemplate jdbc,
			TransactionTemplate transactions) {
		this.queue = queue;
		this.settings = settings;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.permits = new Semaphore(settings.concurrency());
	}

	/** Looks for due rows now rather than at the next poll (call after a commit that added some). */
	public void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	private void run() {
		while (running) {
			try {
				recoverStaleClaims();
				waitWhilePaused();
				if (probing()) {
					// after an outage: one probe at a time until a delivery goes through (half-open)
					waitUntilIdle();
					if (pausedUntilNanos - System.nanoTime() > 0) {
						continue; // the probe in flight just failed and paused the worker again
					}
				}
				permits.acquire();
				boolean handedOver = false;
				try {
					paceStart();
					Optional<Claim> claim = running ? claim() : Optional.empty();
					if (claim.isPresent()) {
						executor.execute(() -> {
							try {
								process(claim.get());
							}
							finally {
								permits.release();
								wake();
							}
						});
						handedOver = true;
					}
				}
				finally {
					if (!handedOver) {
						permits.release();
					}
				}
				if (!handedOver) {
					await(settings.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (running) {
					log.warn("{} outbox: {}; retrying after the poll interval", queue.name(), ex.getMessage());
					await(settings.pollInterval());
				}
			}
		}
	}

	private Optional<Claim> claim() {
		String table = queue.table();
		String order = queue.orderingColumn();
		String inOrder = order == null ? ""
				: " and not exists (select 1 from " + table + " e where e." + order + " = t." + order
						+ " and e.seq < t.seq and e.status in ('PENDING', 'SENDING'))";
		String token = instance + "/" + UUID.randomUUID();
		List<Claim> claims = jdbc.query("update " + table
				+ " set status = 'SENDING', attempts = attempts + 1, claimed_at = now(), claimed_by = ?, updated_at = now()"
				+ " where id = (select t.id from " + table + " t where t.status = 'PENDING' and t.next_attempt_at <= now()"
				+ inOrder + " order by t.attempts, t.next_attempt_at, t.seq limit 1 for update skip locked) returning id, attempts",
				(rs, row) -> new Claim(rs.getObject("id", UUID.class), rs.getInt("attempts"), token), token);
		return claims.stream().findFirst();
	}

	private void process(Claim claim) {
		Outcome outcome;
		try {
			outcome = queue.deliver(claim.id(), claim.attempt());
		}
		catch (RuntimeException ex) {
			log.warn("{} outbox: delivery of {} failed unexpectedly", queue.name(), claim.id(), ex);
			outcome = new Outcome.Retry("Unexpected error (" + ex.getClass().getSimpleName() + ")", false);
		}
		try {
			record(claim, outcome);
		}
		catch (RuntimeException ex) {
			// the row stays SENDING and is treated as a stale claim after the lease
			log.warn("{} outbox: could not record the outcome of {}: {}", queue.name(), claim.id(), ex.getMessage());
		}
		if (outcome instanceof Outcome.Retry retry && retry.receiverDown()) {
			pause(retry.error());
		}
		else if (!(outcome instanceof Outcome.Retry)) {
			synchronized (this) {
				consecutiveDown = 0;
			}
		}
	}

	private void record(Claim claim, Outcome outcome) {
		String table = queue.table();
		transactions.executeWithoutResult(tx -> {
			String status;
			int updated;
			String where = " where id = ? and claimed_by = ? and status in ('SENDING', 'UNCERTAIN')";
			switch (outcome) {
				case Outcome.Delivered delivered -> {
					status = delivered.status();
					updated = jdbc.update("update " + table + " set status = ?, last_error = null, claimed_at = null,"
							+ " updated_at = now()" + where, status, claim.id(), claim.token());
				}
				case Outcome.Refused refused -> {
					status = refused.status();
					updated = jdbc.update("update " + table + " set status = ?, last_error = ?, claimed_at = null,"
							+ " updated_at = now()" + where, status, clip(refused.error()), claim.id(), claim.token());
				}
				case Outcome.Retry retry -> {
					boolean last = claim.attempt() >= settings.maxAttempts();
					status = last ? FAILED : PENDING;
					updated = jdbc.update("update " + table + " set status = ?, last_error = ?, claimed_at = null,"
							+ " claimed_by = null, next_attempt_at = now() + (? * interval '1 millisecond'),"
							+ " updated_at = now()" + where, status, clip(retry.error()),
							last ? 0 : backoff(claim.attempt()).toMillis(), claim.id(), claim.token());
				}
			}
			if (updated == 1) {
				queue.recorded(claim.id(), status, outcome);
			}
			else {
				log.warn("{} outbox: {} was no longer claimed by this instance; outcome not recorded", queue.name(),
						claim.id());
			}
		});
	}

	/** The delay before attempt {@code attempt + 1}: base × 2^(attempt-1), capped, half of it random. */
	Duration backoff(int attempt) {
		long base = settings.backoffBase().toMillis();
		long max = settings.backoffMax().toMillis();
		long exponential = attempt >= 31 ? max : Math.min(max, base << Math.max(0, attempt - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
	}

	private synchronized void pause(String error) {
		consecutiveDown++;
		long base = settings.pauseBase().toMillis();
		long pause = Math.min(settings.pauseMax().toMillis(),
				base << Math.min(20, consecutiveDown - 1));
		pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
		log.warn("{} outbox: the receiver looks down ({}); pausing all deliveries for {} ms", queue.name(), error,
				pause);
	}

	private synchronized boolean probing() {
		return consecutiveDown > 0;
	}

	private void waitUntilIdle() throws InterruptedException {
		while (running && permits.availablePermits() < settings.concurrency()) {
			await(Duration.ofMillis(50));
		}
	}

	private void waitWhilePaused() throws InterruptedException {
		long wait;
		while (running && (wait = pausedUntilNanos - System.nanoTime()) > 0) {
			TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200)));
		}
	}

	private void paceStart() throws InterruptedException {
		long gap = (long) (1_000_000_000L / settings.ratePerSecond());
		long now = System.nanoTime();
		long start = Math.max(now, nextStartNanos);
		nextStartNanos = start + gap;
		if (start > now) {
			TimeUnit.NANOSECONDS.sleep(start - now);
		}
	}

	private void recoverStaleClaims() {
		long now = System.nanoTime();
		if (now < nextRecoveryNanos) {
			return;
		}
		nextRecoveryNanos = now + Math.max(TimeUnit.MILLISECONDS.toNanos(100), settings.lease().toNanos() / 4);
		String table = queue.table();
		transactions.executeWithoutResult(tx -> {
			List<UUID> stale = jdbc.queryForList("select id from " + table + " where status = 'SENDING'"
					+ " and claimed_at < now() - (? * interval '1 millisecond') for update skip locked", UUID.class,
					settings.lease().toMillis());
			for (UUID id : stale) {
				if (queue.onStaleClaim() == OutboxQueue.StaleClaim.UNCERTAIN) {
					jdbc.update("update " + table + " set status = 'UNCERTAIN', last_error = ?, updated_at = now()"
							+ " where id = ?", "The instance sending it stopped before the answer was recorded;"
									+ " it may or may not have been delivered",
							id);
					queue.markedUncertain(id);
				}
				else {
					jdbc.update("update " + table + " set status = case when attempts >= ? then 'FAILED' else 'PENDING'"
							+ " end, claimed_by = null, claimed_at = null, next_attempt_at = now(), updated_at = now()"
							+ " where id = ?", settings.maxAttempts(), id);
				}
			}
			if (!stale.isEmpty()) {
				log.warn("{} outbox: {} delivery(ies) found claimed past the lease, now {}", queue.name(),
						stale.size(), queue.onStaleClaim() == OutboxQueue.StaleClaim.UNCERTAIN ? UNCERTAIN : PENDING);
			}
		});
	}

	private void await(Duration duration) {
		synchronized (signal) {
			if (!woken && running) {
				try {
					signal.wait(Math.max(1, duration.toMillis()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			woken = false;
		}
	}

	private static String clip(String error) {
		if (error == null) {
			return null;
		}
		return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
	}

	@Override
	public void start() {
		running = true;
		executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(queue.name() + "-outbox-", 0).factory());
		loop = Thread.ofPlatform().daemon().name(queue.name() + "-outbox").start(this::run);
	}

	/** Stops claiming, then waits (up to the lease) for deliveries in flight to finish and be recorded. */
	@Override
	public void stop() {
		running = false;
		if (loop != null) {
			loop.interrupt();
			try {
				loop.join(settings.lease().toMillis());
				if (permits.tryAcquire(settings.concurrency(), settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
					permits.release(settings.concurrency());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stop before the web server and the database go away. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE + 2048;
	}

	private record Claim(UUID id, int attempt, String token) {
	}

}
