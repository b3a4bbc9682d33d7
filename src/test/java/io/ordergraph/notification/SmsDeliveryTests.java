package io.ordergraph.notification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;


import javax.sql.DataSource;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ordergraph.JwksTestIssuer;
import io.ordergraph.Replicas;
import io.ordergraph.notification.FakeAfricasTalking.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMS end to end against a fake Africa's Talking on 127.0.0.1: the application runs as a deployment would (own
 * PostgreSQL database, command-line configuration), places orders through GraphQL and its outbox worker talks HTTP
 * to the fake, which checks every request. Worker intervals are shortened so retries take milliseconds.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsDeliveryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(40);

	private static final String API_KEY = "atsk_" + UUID.randomUUID().toString().replace("-", "");

	private static final String CALLBACK_TOKEN = "cb" + UUID.randomUUID().toString().replace("-", "");

	private static final String SENDER = "OGSHOP";

	private static final String MANAGER = "manager-" + UUID.randomUUID();

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static EmbeddedPostgres postgres;

	private static JwksTestIssuer issuer;

	private static FakeAfricasTalking fake;

	private static ConfigurableApplicationContext app;

	private static JdbcTemplate db;

	@BeforeAll
	static void start() throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "embedded-pg", "sms-" + UUID.randomUUID()));
		postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
		issuer = new JwksTestIssuer();
		fake = new FakeAfricasTalking(API_KEY);
		app = instance("sms_main", "--ordergraph.sms.sender-id=" + SENDER, "--ordergraph.sms.shop-name=Café Test");
		db = new JdbcTemplate(dataSource("sms_main"));
	}

	@AfterAll
	static void stop(CapturedOutput output) throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { app, fake, issuer, postgres }) {
			if (closeable != null) {
				closeable.close();
			}
		}
		String log = output.getAll() + LOG;
		// the capture saw the application's log, startup and work (so the check below means something) ...
		assertThat(log).contains("SMS through Africa's Talking").contains("pausing all deliveries");
		// ... and not one line of it holds the API key
		assertThat(log).doesNotContain(API_KEY);
	}

	/** Everything logged during the tests (the class-level capture does not see what each test's capture takes). */
	private static final StringBuilder LOG = new StringBuilder();

	@AfterEach
	void everyRequestHadTheDocumentedFormat(CapturedOutput output) {
		LOG.append(output.getAll());
		assertThat(fake.violations()).isEmpty();
	}

	static DataSource dataSource(String database) {
		return postgres.getDatabase("postgres", database);
	}

	static ConfigurableApplicationContext instance(String database, String... extra) throws Exception {
		boolean exists;
		try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			exists = s.executeQuery("select 1 from pg_database where datname = '" + database + "'").next();
			if (!exists) {
				s.execute("create database " + database);
			}
		}
		List<String> args = new ArrayList<>(List.of("--ordergraph.demo-data.enabled=false",
				"--ordergraph.sms.api-key=" + API_KEY, "--ordergraph.sms.username=sandbox",
				"--ordergraph.sms.base-url=" + fake.baseUrl(), "--ordergraph.sms.callback-token=" + CALLBACK_TOKEN,
				"--ordergraph.sms.connect-timeout=1s", "--ordergraph.sms.read-timeout=1s",
				"--ordergraph.sms.worker.poll-interval=100ms", "--ordergraph.sms.worker.rate-per-second=50",
				"--ordergraph.sms.worker.max-attempts=5", "--ordergraph.sms.worker.backoff-base=200ms",
				"--ordergraph.sms.worker.backoff-max=1s", "--ordergraph.sms.worker.pause-base=200ms",
				"--ordergraph.sms.worker.pause-max=1s", "--ordergraph.sms.worker.lease=7s"));
		args.addAll(List.of(extra));
		return Replicas.start(postgres, database, issuer, MANAGER, args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return Replicas.port(context);
	}

	static HttpGraphQlTester http(ConfigurableApplicationContext context, String token) {
		return Replicas.http(context, token, TIMEOUT);
	}

	static String managerToken() {
		return issuer.token(MANAGER, List.of("staff"));
	}

	static String randomMobile() {
		return String.format("+2547%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	/** A registered customer with that phone: answers its token. */
	static String shopper(ConfigurableApplicationContext context, String phone) {
		String token = issuer.token("shopper-" + UUID.randomUUID(), List.of("customer"));
		http(context, token)
			.document("mutation($phone: String!) { registerCustomer(input: {name: \"Sms Shopper\", phone: $phone}) { errors { code message } } }")
			.variable("phone", phone)
			.execute()
			.path("registerCustomer.errors")
			.entityList(Object.class)
			.hasSize(0);
		return token;
	}

	static String product(ConfigurableApplicationContext context) {
		return http(context, managerToken())
			.document("mutation { createProduct(input: {name: \"Sms Tea\", price: {amount: \"125\", currency: \"KES\"}, stock: 100000}) { product { id } } }")
			.execute()
			.path("createProduct.product.id")
			.entity(String.class)
			.get();
	}

	/** Places an order as the shopper: answers {id, number}. */
	static Map<String, Object> order(ConfigurableApplicationContext context, String token, String product) {
		return http(context, token)
			.document("mutation($p: ID!) { placeOrder(input: {lines: [{productId: $p, quantity: 2}]}) { order { id number } errors { message } } }")
			.variable("p", product)
			.execute()
			.path("placeOrder.order")
			.entity(MAP)
			.get();
	}

	static String statusOf(JdbcTemplate jdbc, String orderNumber, String event) {
		List<String> statuses = jdbc.queryForList(
				"select status from sms_message where order_number = ? and event = ? order by seq", String.class,
				orderNumber, event);
		return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
	}

	static Map<String, Object> row(JdbcTemplate jdbc, String orderNumber) {
		return jdbc.queryForMap("select * from sms_message where order_number = ? and event = 'PLACED'", orderNumber);
	}

	/** Texts the provider accepted for that phone about that order (order numbers repeat across databases). */
	static long acceptedFor(String phone, String orderNumber) {
		return fake.accepted().stream().filter(c -> c.to().equals(phone) && c.message().contains(orderNumber + " ")).count();
	}

	@Test
	void placingAnOrderTextsTheCustomerOnceInTheDocumentedFormat() {
		String phone = randomMobile();
		String token = shopper(app, phone);
		String product = product(app);
		String cursor = http(app, managerToken()).document("{ latestEventCursor }")
			.execute()
			.path("latestEventCursor")
			.entity(String.class)
			.get();
		Map<String, Object> order = order(app, token, product);
		String number = (String) order.get("number");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(statusOf(db, number, "PLACED")));

		// staff's live order events carry the notification's change, after the placement
		StepVerifier.create(orderEvents(managerToken(), cursor).filter(e -> number.equals(e.get("orderNumber"))))
			.assertNext(e -> assertThat(e).containsEntry("type", "PLACED"))
			.assertNext(e -> assertThat(e).containsEntry("type", "NOTIFICATION").containsEntry("status", "PLACED"))
			.thenCancel()
			.verify(TIMEOUT);

		List<FakeAfricasTalking.Call> calls = fake.callsTo(phone);
		assertThat(calls).hasSize(1);
		FakeAfricasTalking.Call call = calls.get(0);
		assertThat(call.username()).isEqualTo("sandbox");
		assertThat(call.from()).isEqualTo(SENDER);
		assertThat(call.message()).isEqualTo("Café Test: order " + number
				+ " received, total KES 290.00. Follow it under My orders in the app.");

		// the owner sees it with the number masked; staff see the number
		Map<String, Object> mine = notifications(http(app, token), (String) order.get("id")).get(0);
		assertThat(mine).containsEntry("channel", "SMS")
			.containsEntry("event", "PLACED")
			.containsEntry("status", "SENT")
			.containsEntry("attempts", 1)
			.containsEntry("providerMessageId", call.messageId())
			.containsEntry("providerStatus", "Success")
			.containsEntry("lastError", null);
		assertThat((String) mine.get("recipient")).startsWith(phone.substring(0, 5))
			.endsWith(phone.substring(phone.length() - 3))
			.contains("•")
			.isNotEqualTo(phone);
		assertThat(new java.math.BigDecimal(String.valueOf(((Map<?, ?>) mine.get("cost")).get("amount"))))
			.isEqualByComparingTo("0.80");
		assertThat(((Map<?, ?>) mine.get("cost")).get("currency")).isEqualTo("KES");
		Map<String, Object> staffView = notifications(http(app, managerToken()), (String) order.get("id")).get(0);
		assertThat(staffView).containsEntry("recipient", phone);

		// the status change is one of the order's live events
		assertThat(db.queryForList("select payload->>'notificationStatus' from event_log where aggregate_id = ?::uuid"
				+ " and type = 'OrderNotificationChanged'", String.class, fromGlobal((String) order.get("id"))))
			.containsExactly("SENT");
	}

	@Test
	void aServerErrorIsRetriedAndTheCustomerGetsOneText() {
		String phone = randomMobile();
		fake.script(phone, Answer.HTTP_500);
		String number = (String) order(app, shopper(app, phone), product(app)).get("number");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(statusOf(db, number, "PLACED")));
		assertThat(fake.callsTo(phone)).extracting(FakeAfricasTalking.Call::answer)
			.containsExactly(Answer.HTTP_500, Answer.ACCEPT);
		assertThat(row(db, number)).containsEntry("attempts", 2).containsEntry("last_error", null);
	}

	@Test
	void aTimeoutIsRetried() {
		String phone = randomMobile();
		fake.script(phone, Answer.TIMEOUT);
		String number = (String) order(app, shopper(app, phone), product(app)).get("number");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(statusOf(db, number, "PLACED")));
		assertThat(fake.callsTo(phone)).extracting(FakeAfricasTalking.Call::answer)
			.containsExactly(Answer.TIMEOUT, Answer.ACCEPT);
		assertThat(row(db, number)).containsEntry("attempts", 2);
	}

	@Test
	void providerErrorsOnEveryAttemptEndFailedWithTheLastError() {
		String phone = randomMobile();
		fake.script(phone, Answer.CODE_500, Answer.HTTP_500, Answer.CODE_500, Answer.HTTP_500, Answer.HTTP_500,
				Answer.HTTP_500);
		String number = (String) order(app, shopper(app, phone), product(app)).get("number");
		await().atMost(TIMEOUT).until(() -> "FAILED".equals(statusOf(db, number, "PLACED")));
		assertThat(fake.callsTo(phone)).hasSize(5);
		assertThat(row(db, number)).containsEntry("attempts", 5);
		assertThat((String) row(db, number).get("last_error")).contains("HTTP 500");
	}

	@Test
	void eachRefusalIsFinalAndRecordedByName() {
		Map<Answer, String> names = Map.of(Answer.CODE_401, "RiskHold", Answer.CODE_402, "InvalidSenderId",
				Answer.CODE_403, "InvalidPhoneNumber", Answer.CODE_404, "UnsupportedNumberType", Answer.CODE_405,
				"InsufficientBalance", Answer.CODE_406, "UserInBlacklist", Answer.CODE_407, "CouldNotRoute",
				Answer.CODE_409, "DoNotDisturbRejection");
		String product = product(app);
		Map<Answer, String> numbers = new java.util.EnumMap<>(Answer.class);
		Map<Answer, String> phones = new java.util.EnumMap<>(Answer.class);
		names.keySet().forEach(answer -> {
			String phone = randomMobile();
			fake.script(phone, answer);
			phones.put(answer, phone);
			numbers.put(answer, (String) order(app, shopper(app, phone), product).get("number"));
		});
		names.forEach((answer, name) -> {
			await().atMost(TIMEOUT).until(() -> "REJECTED".equals(statusOf(db, numbers.get(answer), "PLACED")));
			Map<String, Object> row = row(db, numbers.get(answer));
			assertThat(row).containsEntry("attempts", 1).containsEntry("provider_status", name);
			assertThat((String) row.get("last_error")).contains(name).contains(answer.name().substring(5));
			assertThat(fake.callsTo(phones.get(answer))).hasSize(1);
		});
	}

	@Test
	void anOutageWhileTwentyOrdersArePlacedDeliversEachOnceWhenTheProviderIsBack() {
		String phone = randomMobile();
		String token = shopper(app, phone);
		String product = product(app);
		fake.downAnswers.set(0);
		fake.down = true;
		List<String> numbers = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				numbers.add((String) order(app, token, product).get("number"));
			}
			await().atMost(TIMEOUT).until(() -> fake.downAnswers.get() > 0);
			int before = fake.downAnswers.get();
			// while it is down the worker probes one message at a time, with growing pauses: no flood of requests
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
				.until(() -> fake.downAnswers.get() - before <= 8);
		}
		finally {
			fake.down = false;
		}
		await().atMost(TIMEOUT).until(() -> numbers.stream().allMatch(n -> "SENT".equals(statusOf(db, n, "PLACED"))));
		numbers.forEach(n -> assertThat(acceptedFor(phone, n)).as(n).isEqualTo(1));
	}

	@Test
	void aMessageLeftSendingByACrashedInstanceBecomesUncertainAndIsResentOnlyByStaff() {
		String phone = randomMobile();
		Map<String, Object> order = order(app, shopper(app, phone), product(app));
		String number = (String) order.get("number");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(statusOf(db, number, "PLACED")));
		// as a crash between the provider's acceptance and our commit leaves it
		UUID crashed = UUID.randomUUID();
		String body = "Crash window " + crashed;
		db.update("insert into sms_message (id, order_id, order_number, customer_id, event, recipient, body, status,"
				+ " attempts, claimed_at, claimed_by, created_at, updated_at) select ?, order_id, order_number,"
				+ " customer_id, 'ACCEPTED', recipient, ?, 'SENDING', 1, now() - interval '1 hour', 'dead/1', now(), now()"
				+ " from sms_message where order_number = ? and event = 'PLACED'", crashed, body, number);
		await().atMost(TIMEOUT).until(() -> "UNCERTAIN".equals(statusOf(db, number, "ACCEPTED")));
		assertThat(fake.accepted()).noneMatch(c -> c.message().equals(body));

		String globalId = io.ordergraph.platform.graphql.GlobalId.encode("Notification", crashed);
		// only staff resend
		http(app, issuer.token("shopper-" + UUID.randomUUID(), List.of("customer")))
			.document("mutation($id: ID!) { resendNotification(input: {id: $id}) { errors { code } } }")
			.variable("id", globalId)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty());
		Map<String, Object> resent = http(app, managerToken())
			.document("mutation($id: ID!) { resendNotification(input: {id: $id}) { notification { id status resentFrom { id status } } errors { code } } }")
			.variable("id", globalId)
			.execute()
			.path("resendNotification.notification")
			.entity(MAP)
			.get();
		assertThat(resent.get("status")).isIn("PENDING", "SENDING", "SENT");
		assertThat(resent).containsEntry("resentFrom", Map.of("id", globalId, "status", "UNCERTAIN"));
		await().atMost(TIMEOUT).until(() -> "SENT".equals(statusOf(db, number, "ACCEPTED")));
		assertThat(fake.accepted()).filteredOn(c -> c.message().equals(body)).hasSize(1);
		assertThat(db.queryForObject("select status from sms_message where id = ?", String.class, crashed))
			.isEqualTo("UNCERTAIN");
	}

	@Test
	void aMessageStillQueuedIsNotResent() {
		Map<String, Object> order = order(app, shopper(app, randomMobile()), product(app));
		String number = (String) order.get("number");
		UUID queued = UUID.randomUUID();
		db.update("insert into sms_message (id, order_id, order_number, customer_id, event, recipient, body, status,"
				+ " next_attempt_at, created_at, updated_at) select ?, order_id, order_number, customer_id, 'READY',"
				+ " recipient, 'later', 'PENDING', now() + interval '1 day', now(), now() from sms_message"
				+ " where order_number = ? and event = 'PLACED'", queued, number);
		http(app, managerToken())
			.document("mutation($id: ID!) { resendNotification(input: {id: $id}) { notification { id } errors { code field } } }")
			.variable("id", io.ordergraph.platform.graphql.GlobalId.encode("Notification", queued))
			.execute()
			.path("resendNotification.notification")
			.valueIsNull()
			.path("resendNotification.errors[0].code")
			.entity(String.class)
			.isEqualTo("NOTIFICATION_IN_PROGRESS");
		assertThat(db.queryForObject("select count(*) from sms_message where resent_from = ?", Integer.class, queued))
			.isZero();
	}

	@Test
	void deliveryReportsMoveMessagesOnceAndNeedTheSecret() {
		String phone = randomMobile();
		Map<String, Object> order = order(app, shopper(app, phone), product(app));
		String number = (String) order.get("number");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(statusOf(db, number, "PLACED")));
		String messageId = fake.callsTo(phone).get(0).messageId();

		assertThat(report(CALLBACK_TOKEN + "x", messageId, "Failed")).isEqualTo(404);
		assertThat(report(CALLBACK_TOKEN.substring(1), messageId, "Failed")).isEqualTo(404);
		assertThat(statusOf(db, number, "PLACED")).isEqualTo("SENT");

		assertThat(report(CALLBACK_TOKEN, messageId, "Buffered")).isEqualTo(200);
		assertThat(row(db, number)).containsEntry("status", "SENT").containsEntry("provider_status", "Buffered");

		assertThat(report(CALLBACK_TOKEN, messageId, "Success")).isEqualTo(200);
		Map<String, Object> delivered = row(db, number);
		assertThat(delivered).containsEntry("status", "DELIVERED").containsEntry("network_code", "63902");
		// the same report again, and a late intermediate one, change nothing
		assertThat(report(CALLBACK_TOKEN, messageId, "Success")).isEqualTo(200);
		assertThat(report(CALLBACK_TOKEN, messageId, "Sent")).isEqualTo(200);
		assertThat(row(db, number)).isEqualTo(delivered);
		// an unknown id is acknowledged and ignored
		assertThat(report(CALLBACK_TOKEN, "ATXid_unknown", "Success")).isEqualTo(200);
		assertThat(db.queryForList("select payload->>'notificationStatus' from event_log where aggregate_id = ?::uuid"
				+ " and type = 'OrderNotificationChanged' order by seq", String.class,
				fromGlobal((String) order.get("id"))))
			.containsExactly("SENT", "DELIVERED");
	}

	/** Last: closing extra contexts resets the JVM-wide logging, which the log check at the end relies on. */
	@Test
	@Order(Integer.MAX_VALUE)
	void stoppedMidwayAndStartedAgainAsTwoInstancesNothingIsLostOrDoubled() throws Exception {
		String database = "sms_restart";
		// one delivery at a time, each taking 200 ms: the stop surely comes with messages still to send, and each answer
		// comes well within the 1 s read timeout even on a loaded machine (a timeout is retried, and may send twice:
		// the one documented duplicate window of docs/sms.md)
		ConfigurableApplicationContext first = instance(database, "--ordergraph.sms.worker.concurrency=1");
		ConfigurableApplicationContext second = null;
		ConfigurableApplicationContext third = null;
		JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
		List<String> numbers = new ArrayList<>();
		String phone = randomMobile();
		try {
			String token = shopper(first, phone);
			String product = product(first);
			fake.delayMillis = 200;
			for (int i = 0; i < 15; i++) {
				numbers.add((String) order(first, token, product).get("number"));
			}
			await().atMost(TIMEOUT).until(() -> fake.accepted().stream().filter(c -> c.to().equals(phone)).count() >= 2);
			first.close(); // mid-way: a graceful stop lets deliveries in flight finish and record their outcome
			long pending = jdbc.queryForObject("select count(*) from sms_message where status = 'PENDING'"
					+ " and order_number = any (?)", Long.class, (Object) numbers.toArray(String[]::new));
			assertThat(pending).as("still to send after the stop").isPositive();
			// started again, as two instances at once
			second = instance(database);
			third = instance(database);
			for (int i = 0; i < 10; i++) {
				numbers.add((String) order(i % 2 == 0 ? second : third, token, product).get("number"));
			}
			await().atMost(TIMEOUT)
				.until(() -> numbers.stream().allMatch(n -> "SENT".equals(statusOf(jdbc, n, "PLACED"))));
		}
		finally {
			fake.delayMillis = 0;
			if (third != null) {
				third.close();
			}
			if (second != null) {
				second.close();
			}
			first.close();
		}
		numbers.forEach(n -> assertThat(acceptedFor(phone, n)).as(n).isEqualTo(1));
		assertThat(fake.callsTo(phone)).hasSize(numbers.size()).allMatch(c -> c.from() == null);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static Flux<Map<String, Object>> orderEvents(String token, String after) {
		WebSocketGraphQlTester tester = Replicas.webSocket(app, token, TIMEOUT);
		return (Flux) tester.document("subscription($after: String) { orderEvents(after: $after) { type status orderNumber note } }")
			.variable("after", after)
			.executeSubscription()
			.toFlux("orderEvents", Map.class);
	}

	static int report(String token, String messageId, String status) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port(app))
			.build()
			.post()
			.uri("/sms/delivery-reports/{token}", token)
			.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("id=" + messageId + "&status=" + status + "&phoneNumber=%2B254711000000&networkCode=63902"
					+ "&failureReason=&retryCount=0")
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> notifications(HttpGraphQlTester tester, String orderId) {
		return tester.document("""
				query($id: ID!) { order(id: $id) { notifications {
				  id channel event recipient message status attempts cost { amount currency } providerMessageId
				  providerStatus lastError nextAttemptAt createdAt updatedAt } } }""")
			.variable("id", orderId)
			.execute()
			.path("order.notifications")
			.entityList(Object.class)
			.get()
			.stream()
			.map(o -> (Map<String, Object>) o)
			.collect(Collectors.toList());
	}

	static String fromGlobal(String globalId) {
		return io.ordergraph.platform.graphql.GlobalId.decode(globalId).id().toString();
	}

}
