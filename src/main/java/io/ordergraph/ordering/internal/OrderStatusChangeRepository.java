package io.ordergraph.ordering.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import io.ordergraph.ordering.OrderStatusChange;

public interface OrderStatusChangeRepository extends JpaRepository<OrderStatusChange, UUID> {

	List<OrderStatusChange> findByOrderIdInOrderBySeqAsc(Collection<UUID> orderIds);

}
