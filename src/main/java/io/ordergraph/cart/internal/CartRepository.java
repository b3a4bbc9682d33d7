package io.ordergraph.cart.internal;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CartRepository extends JpaRepository<StoredCart, UUID> {

	/**
	 * Creates the customer's cart unless it exists. One statement that never fails on a concurrent first change of the
	 * same cart (the loser of the race simply inserts nothing), so {@link #findForUpdate} always finds a row after it.
	 */
	@Modifying
	@Query(value = """
			insert into cart (customer_id, created_at, updated_at) values (:customerId, now(), now())
			on conflict (customer_id) do nothing""", nativeQuery = true)
	int createIfAbsent(@Param("customerId") UUID customerId);

	/** Loads the cart locked for update: concurrent changes of one cart then queue here, one at a time. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from StoredCart c where c.customerId = :customerId")
	Optional<StoredCart> findForUpdate(@Param("customerId") UUID customerId);

}
