package io.ordergraph.session.internal;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import io.ordergraph.session.OrderSession;
import io.ordergraph.session.OrderSessionState;

public interface OrderSessionRepository extends JpaRepository<OrderSession, UUID>, JpaSpecificationExecutor<OrderSession> {

	/** Locks the session: joins, orders into it and its closing happen one at a time. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from OrderSession s where s.id = :id")
	Optional<OrderSession> findForUpdate(UUID id);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from OrderSession s where s.joinCode = :code")
	Optional<OrderSession> findByJoinCodeForUpdate(String code);

	@Query("select s.state from OrderSession s where s.id = :id")
	Optional<OrderSessionState> findStateById(UUID id);

}
