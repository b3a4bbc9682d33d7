package io.ordergraph.notification.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import io.ordergraph.notification.Notification;

public interface SmsMessageRepository extends JpaRepository<Notification, UUID>, JpaSpecificationExecutor<Notification> {

	List<Notification> findByOrderIdInOrderBySeqAsc(Collection<UUID> orderIds);

}
