package io.ordergraph.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** adjustStock and the stock history: never below zero, however many adjust at once; every change explained. */
class StockTests extends CatalogTest {

	// language=GraphQL
	private static final String HISTORY = """
			query($id: ID!, $first: Int, $after: String) {
			  product(id: $id) {
			    stockMovements(first: $first, after: $after) {
			      edges { node { delta reason subject at } }
			      pageInfo { hasNextPage endCursor }
			      totalCount
			    }
			  }
			}""";

	private static GraphQlTester.Response adjust(GraphQlTester tester, String id, int delta, String reason) {
		return mutate(tester, "adjustStock", "AdjustStockInput", Map.of("id", id, "delta", delta, "reason", reason));
	}

	private GraphQlTester.Response history(GraphQlTester tester, String id) {
		return tester.document(HISTORY).variable("id", id).execute();
	}

	private int movementCount(String id) {
		return history(productManager(), id).path("product.stockMovements.totalCount").entity(Integer.class).get();
	}

	@Test
	void productManagersAdjustStockAndTheHistoryExplainsIt() {
		String token = staffToken(Permission.MANAGE_PRODUCTS);
		HttpGraphQlTester staff = withToken(token);
		String subject = staff.document("{ me { subject } }").execute().path("me.subject").entity(String.class).get();
		String id = mutate(staff, "createProduct", "CreateProductInput", input(unique("Beans"), "1", "KES", 5, true))
			.path("createProduct.product.id")
			.entity(String.class)
			.get();

		adjust(staff, id, 10, " Delivery ").path("adjustStock.product.stock").entity(Integer.class).isEqualTo(15);
		adjust(staff, id, -3, "Broken").path("adjustStock.product.stock").entity(Integer.class).isEqualTo(12);
		adjust(manager(), id, -12, "Sold out").path("adjustStock.product.stock").entity(Integer.class).isEqualTo(0);

		GraphQlTester.Response history = history(staff, id);
		history.path("product.stockMovements.edges[*].node.delta").entityList(Integer.class).containsExactly(-12, -3,
				10, 5);
		history.path("product.stockMovements.edges[*].node.reason").entityList(String.class).containsExactly(
				"Sold out", "Broken", "Delivery", "Initial stock");
		history.path("product.stockMovements.edges[1].node.subject").entity(String.class).isEqualTo(subject);
		history.path("product.stockMovements.edges[0].node.at").hasValue();

		GraphQlTester.Response page = staff.document(HISTORY).variable("id", id).variable("first", 3).execute();
		page.path("product.stockMovements.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		String after = page.path("product.stockMovements.pageInfo.endCursor").entity(String.class).get();
		staff.document(HISTORY)
			.variable("id", id)
			.variable("first", 3)
			.variable("after", after)
			.execute()
			.path("product.stockMovements.edges[*].node.reason")
			.entityList(String.class)
			.containsExactly("Initial stock");
	}

	@Test
	void stockNeverGoesBelowZero() {
		String id = createProduct(unique("Scarce"), 2, true);
		GraphQlTester.Response response = adjust(productManager(), id, -3, "Sold");
		expectUserErrors(response, "adjustStock", "INSUFFICIENT_STOCK");
		response.path("adjustStock.errors[0].field").entityList(String.class).containsExactly("input", "delta");
		assertThat(stockOf(id)).isEqualTo(2);
		assertThat(movementCount(id)).isEqualTo(1);
	}

	@Test
	void invalidAdjustmentsChangeNothing() {
		String id = createProduct(unique("Steady"), 2, true);
		expectUserErrors(adjust(productManager(), id, 0, "Nothing"), "adjustStock", "INVALID_INPUT");
		expectUserErrors(adjust(productManager(), id, 5, "  "), "adjustStock", "INVALID_INPUT");
		expectUserErrors(adjust(productManager(), id, 5, "x".repeat(501)), "adjustStock", "INVALID_INPUT");
		expectUserErrors(adjust(productManager(), id, Integer.MAX_VALUE, "Too many"), "adjustStock",
				"INVALID_INPUT");
		// a reason is required by the schema too
		productManager().document("mutation($id: ID!) { adjustStock(input: { id: $id, delta: 1 }) { errors { code } } }")
			.variable("id", id)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty());
		assertThat(stockOf(id)).isEqualTo(2);
		assertThat(movementCount(id)).isEqualTo(1);
	}

	@Test
	void concurrentAdjustmentsTakeExactlyTheStockThereIs() throws Exception {
		String id = createProduct(unique("Last five"), 5, true);
		HttpGraphQlTester staff = productManager();
		Callable<List<String>> takeOne = () -> adjust(staff, id, -1, "Sold").path("adjustStock.errors[*].code")
			.entityList(String.class)
			.get();
		List<List<String>> results;
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<List<String>>> futures = pool.invokeAll(IntStream.range(0, 20).mapToObj(i -> takeOne).toList());
			results = futures.stream().map(StockTests::join).toList();
		}
		assertThat(results.stream().filter(List::isEmpty)).hasSize(5);
		assertThat(results.stream().filter(errors -> errors.equals(List.of("INSUFFICIENT_STOCK")))).hasSize(15);
		assertThat(stockOf(id)).isZero();
		assertThat(movementCount(id)).isEqualTo(6);
	}

	private static <T> T join(Future<T> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void onlyProductManagersSeeTheStockHistory() {
		String id = createProduct(unique("Secret history"), 2, true);
		String query = "query($id: ID!) { product(id: $id) { name stockMovements { totalCount } } }";
		expectError(anonymous().document(query).variable("id", id).execute(), ErrorType.UNAUTHORIZED);
		expectError(customer().document(query).variable("id", id).execute(), ErrorType.FORBIDDEN);
		expectError(staff().document(query).variable("id", id).execute(), ErrorType.FORBIDDEN);
		manager().document(query).variable("id", id).execute().path("product.stockMovements.totalCount")
			.entity(Integer.class)
			.isEqualTo(1);
	}

}
