package io.ordergraph.catalog;

import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.ordergraph.catalog.internal.ProductRepository;
import io.ordergraph.catalog.internal.StockMovementRepository;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * Stock on hand and its history. Every change is one conditional SQL update plus a movement row in the same
 * transaction, so the stock never goes below zero however many change it at once, and the history explains it.
 */
@Service
class StockService {

	private final ProductRepository products;

	private final StockMovementRepository movements;

	StockService(ProductRepository products, StockMovementRepository movements) {
		this.products = products;
		this.movements = movements;
	}

	/**
	 * Adds {@code delta} (negative to take) and records why; answers whether it was applied. Joins the caller's
	 * transaction. Does not load the product, so a caller's loaded copy is not silently replaced.
	 */
	@Transactional
	boolean move(UUID productId, int delta, String reason, String subject) {
		if (products.addStock(productId, delta) == 0) {
			return false;
		}
		movements.save(new StockMovement(productId, delta, reason, subject));
		return true;
	}

	/** Gives stock back, archived product or not; answers false when the product does not exist. */
	@Transactional
	boolean giveBack(UUID productId, int quantity, String reason) {
		if (products.returnStock(productId, quantity) == 0) {
			return false;
		}
		movements.save(new StockMovement(productId, quantity, reason, null));
		return true;
	}

	/** Records the stock a product was created with (its insert already holds it). */
	void initial(Product product, String subject) {
		if (product.getStock() > 0) {
			movements.save(new StockMovement(product.getId(), product.getStock(), "Initial stock", subject));
		}
	}

	@Transactional
	ProductPayload adjust(UUID id, int delta, String reason, Caller caller) {
		caller.requirePermission(Permission.MANAGE_PRODUCTS);
		// existence first (a count, which loads no entity), so an unknown id is NOT_FOUND whatever the input
		if (!products.existsById(id)) {
			throw new NotFoundException("Product not found");
		}
		InputErrors errors = new InputErrors();
		if (delta == 0) {
			errors.add(InputErrors.INVALID_INPUT, "must not be zero", "input", "delta");
		}
		String why = ProductInputs.reason(errors, reason, "input", "reason");
		if (errors.any()) {
			return ProductPayload.failed(errors.list());
		}
		if (move(id, delta, why, caller.subject())) {
			return ProductPayload.ok(products.findById(id).orElseThrow());
		}
		// not applied: read why, after the fact (the product is not in this persistence context yet, so fresh)
		Product product = products.findById(id).orElseThrow();
		if (product.isArchived()) {
			return ProductPayload.archived();
		}
		if ((long) product.getStock() + delta < 0) {
			return ProductPayload.failed(ProductPayload.INSUFFICIENT_STOCK,
					"would take the stock below zero: only " + product.getStock() + " left", "input", "delta");
		}
		return ProductPayload.failed(InputErrors.INVALID_INPUT, "would take the stock beyond the largest possible",
				"input", "delta");
	}

	/** The product's stock movements, newest first. */
	@Transactional(readOnly = true)
	Connection<StockMovement> history(Product product, Paging paging, Caller caller) {
		caller.requirePermission(Permission.MANAGE_PRODUCTS);
		UUID productId = product.getId();
		Specification<StockMovement> spec = (root, query, cb) -> cb.equal(root.get("productId"), productId);
		return paging.query(movements, spec, Sort.by(Sort.Direction.DESC, "id"));
	}

}
