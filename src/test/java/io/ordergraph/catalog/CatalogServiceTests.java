package io.ordergraph.catalog;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.platform.graphql.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API other modules use: reading products for orders, taking stock and giving it back. */
class CatalogServiceTests extends CatalogTest {

	@Autowired
	CatalogService catalog;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	private static UUID uuid(String globalId) {
		return GlobalId.decode(globalId, "Product");
	}

	@Test
	void findsProductsForOrderingWhateverTheirState() {
		String name = unique("Orderable");
		UUID visible = uuid(createProduct(name, 4, true));
		UUID hidden = uuid(createProduct(unique("Hidden"), 1, false));
		UUID archived = uuid(archivedProduct(unique("Archived")));

		ProductView view = catalog.findForOrdering(visible).orElseThrow();
		assertThat(view.id()).isEqualTo(visible);
		assertThat(view.name()).isEqualTo(name);
		assertThat(view.price().amount()).isEqualByComparingTo("10.00");
		assertThat(view.price().currency()).isEqualTo("KES");
		assertThat(view.stock()).isEqualTo(4);
		assertThat(view.orderable()).isTrue();
		assertThat(catalog.findForOrdering(hidden).orElseThrow().orderable()).isFalse();
		assertThat(catalog.findForOrdering(archived).orElseThrow().archived()).isTrue();
		assertThat(catalog.findForOrdering(UUID.randomUUID())).isEmpty();

		assertThat(catalog.findProducts(List.of(visible, archived, UUID.randomUUID()))).containsOnlyKeys(visible,
				archived);
	}

	@Test
	void takesStockWhileThereIsEnoughAndGivesItBack() {
		String id = createProduct(unique("Takeable"), 5, true);
		UUID productId = uuid(id);
		assertThat(catalog.takeStock(productId, 3)).isTrue();
		assertThat(catalog.takeStock(productId, 3)).isFalse();
		assertThat(catalog.takeStock(productId, 2, "Order 42")).isTrue();
		assertThat(stockOf(id)).isZero();
		catalog.returnStock(productId, 4);
		assertThat(stockOf(id)).isEqualTo(4);
		productManager().document("query($id: ID!) { product(id: $id) { stockMovements { edges { node { delta reason subject } } } } }")
			.variable("id", id)
			.execute()
			.path("product.stockMovements.edges[*].node.reason")
			.entityList(String.class)
			.containsExactly(CatalogService.RETURNED_REASON, "Order 42", CatalogService.TAKEN_REASON, "Initial stock")
			.path("product.stockMovements.edges[0].node.subject")
			.valueIsNull();
	}

	@Test
	void archivedProductsGiveNoStockButTakeItBack() {
		String id = archivedProduct(unique("Archived"));
		assertThat(catalog.takeStock(uuid(id), 1)).isFalse();
		catalog.returnStock(uuid(id), 2);
		assertThat(stockOf(id)).isEqualTo(5);
	}

	@Test
	void refusesNonsense() {
		UUID productId = uuid(createProduct(unique("Strict"), 5, true));
		assertThatIllegalArgumentException().isThrownBy(() -> catalog.takeStock(productId, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> catalog.returnStock(productId, -1));
		assertThatIllegalArgumentException().isThrownBy(() -> catalog.returnStock(UUID.randomUUID(), 1));
		assertThat(catalog.takeStock(UUID.randomUUID(), 1)).isFalse();
		assertThat(catalog.findForOrdering(productId).orElseThrow().stock()).isEqualTo(5);
	}

	@Test
	void joinsTheCallersTransaction() {
		String id = createProduct(unique("Transactional"), 5, true);
		UUID productId = uuid(id);
		transactions.executeWithoutResult(tx -> {
			catalog.findForOrdering(productId);
			assertThat(catalog.takeStock(productId, 2)).isTrue();
			// read fresh within the same transaction
			assertThat(catalog.findForOrdering(productId).orElseThrow().stock()).isEqualTo(3);
			// the order failed to save after all
			tx.setRollbackOnly();
		});
		assertThat(stockOf(id)).isEqualTo(5);
		assertThat(catalog.findForOrdering(productId).orElseThrow().stock()).isEqualTo(5);
	}

	@Test
	void concurrentTakersNeverTakeMoreThanThereIs() throws Exception {
		UUID productId = uuid(createProduct(unique("Contended"), 5, true));
		Callable<Boolean> takeOne = () -> catalog.takeStock(productId, 1);
		long taken;
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Boolean>> futures = pool.invokeAll(IntStream.range(0, 20).mapToObj(i -> takeOne).toList());
			taken = futures.stream().filter(f -> {
				try {
					return f.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).count();
		}
		assertThat(taken).isEqualTo(5);
		assertThat(catalog.findForOrdering(productId).orElseThrow().stock()).isZero();
	}

	@Test
	void theDatabaseItselfRefusesNegativeStock() {
		UUID productId = uuid(createProduct(unique("Constrained"), 1, true));
		JdbcClient jdbc = JdbcClient.create(dataSource);
		assertThatThrownBy(() -> jdbc.sql("update product set stock = -1 where id = ?").param(productId).update())
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(catalog.findForOrdering(productId).orElseThrow().stock()).isEqualTo(1);
	}

}
