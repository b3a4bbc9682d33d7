package io.ordergraph.ordering.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import io.ordergraph.ordering.OrderLine;

public interface OrderLineRepository extends JpaRepository<OrderLine, UUID> {

	List<OrderLine> findByOrderIdInOrderByOrderIdAscPositionAsc(Collection<UUID> orderIds);

	List<OrderLine> findByOrderIdOrderByPosition(UUID orderId);

}
