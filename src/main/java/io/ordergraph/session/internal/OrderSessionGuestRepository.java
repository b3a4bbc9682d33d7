package io.ordergraph.session.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import io.ordergraph.session.OrderSessionGuest;

public interface OrderSessionGuestRepository extends JpaRepository<OrderSessionGuest, UUID> {

	List<OrderSessionGuest> findBySessionIdInOrderByJoinedAtAscIdAsc(Collection<UUID> sessionIds);

}
