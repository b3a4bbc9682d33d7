package io.ordergraph.customer.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import io.ordergraph.customer.Customer;

public interface CustomerRepository extends JpaRepository<Customer, UUID>, JpaSpecificationExecutor<Customer> {

	Optional<Customer> findBySubject(String subject);

	// lower(), not Spring Data's upper(), so that the unique index on lower(code) serves these.
	@Query("select count(c) > 0 from Customer c where lower(c.code) = lower(?1)")
	boolean existsByCodeIgnoreCase(String code);

	@Query("select c from Customer c where lower(c.code) = lower(?1)")
	Optional<Customer> findByCodeIgnoreCase(String code);

	Optional<Customer> findByCreatedByAndIdempotencyKey(String createdBy, String idempotencyKey);

}
