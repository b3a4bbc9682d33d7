package io.ordergraph.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import io.ordergraph.platform.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/** createProduct with an idempotency key: retries answer the first product and make nothing more. */
class IdempotentCreateTests extends CatalogTest {

	private int countNamed(String name) {
		return productManager().document("query($s: String) { products(filter: { search: $s }) { totalCount } }")
			.variable("s", name)
			.execute()
			.path("products.totalCount")
			.entity(Integer.class)
			.get();
	}

	private static Map<String, Object> keyed(Map<String, Object> input, String key) {
		Map<String, Object> keyed = new HashMap<>(input);
		keyed.put("idempotencyKey", key);
		return keyed;
	}

	@Test
	void aRetryWithTheSameKeyAnswersTheFirstProduct() {
		String name = unique("Once");
		String key = UUID.randomUUID().toString();
		String first = createProduct(keyed(input(name, "12.5", "KES", 3, true), key));
		// the same input, spelled differently but normalized alike
		String second = createProduct(keyed(input(name + "  ", "12.50", "kes", 3, true), key));
		assertThat(second).isEqualTo(first);
		assertThat(countNamed(name)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherInputIsRefused() {
		String name = unique("Once");
		String key = UUID.randomUUID().toString();
		String id = createProduct(keyed(input(name, "12.50", "KES", 3, true), key));
		GraphQlTester.Response response = mutate(productManager(), "createProduct", "CreateProductInput",
				keyed(input(name, "13.00", "KES", 3, true), key));
		expectUserErrors(response, "createProduct", "IDEMPOTENCY_KEY_REUSED");
		response.path("createProduct.errors[0].field").entityList(String.class).containsExactly("input",
				"idempotencyKey");
		assertThat(countNamed(name)).isEqualTo(1);
		assertThat(amountOf(read(id))).isEqualByComparingTo("12.50");
	}

	@Test
	void keysBelongToTheirCaller() {
		String name = unique("Twice");
		String key = UUID.randomUUID().toString();
		String mine = createProduct(keyed(input(name, "1", "KES", 0, true), key));
		String theirs = mutate(staff(Permission.MANAGE_PRODUCTS), "createProduct", "CreateProductInput",
				keyed(input(name, "1", "KES", 0, true), key))
			.path("createProduct.product.id")
			.entity(String.class)
			.get();
		assertThat(theirs).isNotEqualTo(mine);
		assertThat(countNamed(name)).isEqualTo(2);
	}

	@Test
	void aFailedAttemptDoesNotUseUpTheKey() {
		String name = unique("Fixed");
		String key = UUID.randomUUID().toString();
		expectUserErrors(mutate(productManager(), "createProduct", "CreateProductInput",
				keyed(input(name, "-1", "KES", 0, true), key)), "createProduct", "INVALID_INPUT");
		createProduct(keyed(input(name, "1", "KES", 0, true), key));
		assertThat(countNamed(name)).isEqualTo(1);
	}

	@Test
	void concurrentRetriesCreateOneProduct() throws Exception {
		String name = unique("Racing");
		Map<String, Object> input = keyed(input(name, "5", "KES", 2, true), UUID.randomUUID().toString());
		productManager();
		Callable<String> create = () -> createProduct(input);
		List<String> ids;
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<String>> futures = pool.invokeAll(IntStream.range(0, 8).mapToObj(i -> create).toList());
			ids = futures.stream().map(f -> {
				try {
					return f.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
		assertThat(ids).hasSize(8).containsOnly(ids.get(0));
		assertThat(countNamed(name)).isEqualTo(1);
	}

}
