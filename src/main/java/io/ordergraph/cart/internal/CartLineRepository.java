package io.ordergraph.cart.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CartLineRepository extends JpaRepository<StoredCartLine, UUID> {

	/** The cart's lines in the order they were added, which is the order the cart and checkout show them in. */
	List<StoredCartLine> findByCustomerIdOrderByAddedAtAscIdAsc(UUID customerId);

	Optional<StoredCartLine> findByCustomerIdAndProductId(UUID customerId, UUID productId);

}
