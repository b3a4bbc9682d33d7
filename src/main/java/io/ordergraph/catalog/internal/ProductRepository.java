package io.ordergraph.catalog.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import io.ordergraph.catalog.Product;
import io.ordergraph.catalog.ProductView;

public interface ProductRepository extends JpaRepository<Product, UUID> {

	Optional<Product> findByIdempotencySubjectAndIdempotencyKey(String subject, String key);

	/** A projection rather than the entity, so it is read fresh even after stock changed in this transaction. */
	@Query("""
			select new io.ordergraph.catalog.ProductView(p.id, p.name, p.priceAmount, p.priceCurrency, p.stock,
			  p.visible, p.archivedAt)
			from Product p where p.id = :id""")
	Optional<ProductView> findView(@Param("id") UUID id);

	/**
	 * Adds {@code delta} (negative to take) to the stock of a product that is not archived, in one conditional
	 * statement: concurrent callers queue on the row lock and each re-checks the condition against the stock the one
	 * before it left, so stock can neither go below zero nor overflow. Answers 1 when applied, 0 when not.
	 * <p>
	 * Deliberately neither flushes nor clears the persistence context: callers from other modules share it, and
	 * clearing would detach their entities. {@code stock} is not updatable through JPA, so nothing stale is written
	 * back; a Product already loaded in this transaction shows the old stock until refreshed.
	 */
	@Modifying
	@Query(value = """
			update product set stock = stock + :delta, updated_at = now()
			where id = :id and archived_at is null
			  and cast(stock as bigint) + :delta between 0 and 2147483647""", nativeQuery = true)
	int addStock(@Param("id") UUID id, @Param("delta") int delta);

	/** Gives stock back (e.g. a cancelled order), archived or not: archiving does not undo what orders took. */
	@Modifying
	@Query(value = """
			update product set stock = stock + :quantity, updated_at = now()
			where id = :id and cast(stock as bigint) + :quantity <= 2147483647""", nativeQuery = true)
	int returnStock(@Param("id") UUID id, @Param("quantity") int quantity);

}
