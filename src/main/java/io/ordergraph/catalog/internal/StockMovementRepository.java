package io.ordergraph.catalog.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import io.ordergraph.catalog.StockMovement;

public interface StockMovementRepository
		extends JpaRepository<StockMovement, Long>, JpaSpecificationExecutor<StockMovement> {

}
