package io.ordergraph.ordering.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import io.ordergraph.ordering.Order;
import io.ordergraph.ordering.OrderStatus;

public interface OrderRepository extends JpaRepository<Order, UUID>, JpaSpecificationExecutor<Order> {

	/** Loads the order locked for update, so that concurrent transitions of one order happen one at a time. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select o from Order o where o.id = :id")
	Optional<Order> findForUpdate(UUID id);

	Optional<Order> findByIdempotencySubjectAndIdempotencyKey(String subject, String key);

	long countByStatusInAndArchivedFalse(Collection<OrderStatus> statuses);

	@Query(value = "select nextval('order_number_seq')", nativeQuery = true)
	long nextNumber();

}
