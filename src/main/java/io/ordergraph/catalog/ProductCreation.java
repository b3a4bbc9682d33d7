package io.ordergraph.catalog;

import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.platform.graphql.Money;
import io.ordergraph.catalog.internal.ProductRepository;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * createProduct, idempotent per caller and key: a retry with the same key and input answers the product made the
 * first time and makes nothing more; the same key with another input is IDEMPOTENCY_KEY_REUSED.
 */
@Service
class ProductCreation {

	private static final int KEY_MAX = 255;

	private final ProductRepository products;

	private final StockService stock;

	private final TransactionTemplate transactions;

	ProductCreation(ProductRepository products, StockService stock, TransactionTemplate transactions) {
		this.products = products;
		this.stock = stock;
		this.transactions = transactions;
	}

	record CreateProduct(String name, String description, ProductInputs.MoneyInput price, int stock, boolean visible,
			String idempotencyKey) {
	}

	ProductPayload create(CreateProduct input, Caller caller) {
		caller.requirePermission(Permission.MANAGE_PRODUCTS);
		InputErrors errors = new InputErrors();
		String name = ProductInputs.name(errors, input.name(), "input", "name");
		String description = ProductInputs.description(errors, input.description(), "input", "description");
		Money price = ProductInputs.price(errors, input.price(), "input", "price");
		if (input.stock() < 0) {
			errors.add(InputErrors.INVALID_INPUT, "must not be negative", "input", "stock");
		}
		String key = errors.text(input.idempotencyKey(), KEY_MAX, false, "input", "idempotencyKey");
		if (errors.any()) {
			// nothing stored for the key: a retry with the input corrected is a first attempt
			return ProductPayload.failed(errors.list());
		}
		ProductDraft draft = new ProductDraft(name, description, price, input.stock(), input.visible());
		Product.Idempotency idempotency = (key == null) ? null
				: new Product.Idempotency(caller.subject(), key, draft.hash());
		try {
			return transactions.execute(tx -> replay(idempotency).orElseGet(() -> insert(draft, idempotency, caller)));
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent request with the same key inserted first: answer as its retry would be answered
			return transactions.execute(tx -> replay(idempotency)).orElseThrow(() -> ex);
		}
	}

	/** The answer to a retry, if this key was used before by this caller. */
	private Optional<ProductPayload> replay(Product.Idempotency idempotency) {
		if (idempotency == null) {
			return Optional.empty();
		}
		return products.findByIdempotencySubjectAndIdempotencyKey(idempotency.subject(), idempotency.key())
			.map(first -> first.getIdempotencyHash().equals(idempotency.hash()) ? ProductPayload.ok(first)
					: ProductPayload.failed(ProductPayload.IDEMPOTENCY_KEY_REUSED,
							"This idempotency key was already used for a different request; use a new key for a new "
									+ "product.",
							"input", "idempotencyKey"));
	}

	private ProductPayload insert(ProductDraft draft, Product.Idempotency idempotency, Caller caller) {
		// flushed at once so a duplicate key fails here, inside the try above
		Product product = products.saveAndFlush(new Product(draft, idempotency));
		stock.initial(product, caller.subject());
		return ProductPayload.ok(product);
	}

}
