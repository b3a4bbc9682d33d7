package io.ordergraph.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.ordergraph.catalog.internal.ProductRepository;
import io.ordergraph.platform.graphql.Money;

/**
 * The catalog's API for other modules (cart, ordering): no Caller, no authorization; the calling module decides who
 * may do what. Every method joins the caller's transaction, so stock taken for an order that then fails to save is
 * given back by the rollback.
 */
@Service
public class CatalogService {

	static final String TAKEN_REASON = "Taken for an order";

	static final String RETURNED_REASON = "Returned from an order";

	private static final String DEMO_SUBJECT = "ordergraph-demo-data";

	private final ProductRepository products;

	private final StockService stock;

	CatalogService(ProductRepository products, StockService stock) {
		this.products = products;
		this.stock = stock;
	}

	/**
	 * The product's name, price, stock and state, read fresh even within a transaction that changed its stock; also
	 * for hidden and archived products (see {@link ProductView#orderable()}). Empty when no such product exists.
	 */
	@Transactional(readOnly = true)
	public Optional<ProductView> findForOrdering(UUID id) {
		return products.findView(id);
	}

	/**
	 * Products by id, whatever their visibility, e.g. for a {@code @BatchMapping} of order lines to their products.
	 * Unknown ids are left out.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Product> findProducts(Collection<UUID> ids) {
		return products.findAllById(ids).stream().collect(Collectors.toMap(Product::getId, Function.identity()));
	}

	/**
	 * Takes {@code quantity} from the stock of a product that is not archived, atomically: true when taken, false
	 * when there is not enough stock, the product is archived or does not exist (nothing is changed then).
	 */
	@Transactional
	public boolean takeStock(UUID productId, int quantity) {
		return takeStock(productId, quantity, TAKEN_REASON);
	}

	/** As {@link #takeStock(UUID, int)}, recording {@code reason} (e.g. the order number) in the stock history. */
	@Transactional
	public boolean takeStock(UUID productId, int quantity, String reason) {
		requirePositive(quantity);
		return stock.move(productId, -quantity, reason(reason, TAKEN_REASON), null);
	}

	/**
	 * Gives back {@code quantity} taken before (a rejected or cancelled order), also to an archived product.
	 * @throws IllegalArgumentException when the product does not exist or its stock would overflow
	 */
	@Transactional
	public void returnStock(UUID productId, int quantity) {
		returnStock(productId, quantity, RETURNED_REASON);
	}

	/** As {@link #returnStock(UUID, int)}, recording {@code reason} (e.g. the order number) in the stock history. */
	@Transactional
	public void returnStock(UUID productId, int quantity, String reason) {
		requirePositive(quantity);
		if (!stock.giveBack(productId, quantity, reason(reason, RETURNED_REASON))) {
			throw new IllegalArgumentException("Cannot return stock to product " + productId);
		}
	}

	private static void requirePositive(int quantity) {
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive: " + quantity);
		}
	}

	private static String reason(String reason, String fallback) {
		if (reason == null || reason.isBlank()) {
			return fallback;
		}
		String stripped = reason.strip();
		return (stripped.length() > ProductInputs.REASON_MAX) ? stripped.substring(0, ProductInputs.REASON_MAX)
				: stripped;
	}

	/**
	 * Creates a visible demo product unless one of this name was already made this way. No authorization: for the
	 * embedded demo data only.
	 */
	@Transactional
	public Product ensureDemoProduct(String name, String description, Money price, int initialStock) {
		ProductDraft draft = new ProductDraft(name, description, price, initialStock, true);
		return products.findByIdempotencySubjectAndIdempotencyKey(DEMO_SUBJECT, name).orElseGet(() -> {
			Product product = products.saveAndFlush(new Product(draft,
					new Product.Idempotency(DEMO_SUBJECT, name, draft.hash())));
			stock.initial(product, null);
			return product;
		});
	}

}
