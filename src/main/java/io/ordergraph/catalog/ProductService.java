package io.ordergraph.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.ordergraph.platform.graphql.Money;
import io.ordergraph.catalog.internal.ProductRepository;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.InputErrors;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/** Reading products as a caller may see them, and editing them (seed 003: staff manage the products). */
@Service
class ProductService {

	/** Concurrent edits of one product are rare and short; a few retries resolve them without bothering the client. */
	private static final int EDIT_ATTEMPTS = 3;

	private final ProductRepository products;

	private final ProductPage pages;

	private final TransactionTemplate transactions;

	ProductService(ProductRepository products, ProductPage pages, TransactionTemplate transactions) {
		this.products = products;
		this.pages = pages;
		this.transactions = transactions;
	}

	/** Filters of {@code products}; {@code archived} null means archived or not. */
	record ProductFilter(String search, Boolean visible, Boolean archived) {

		static final ProductFilter DEFAULT = new ProductFilter(null, null, false);

	}

	/** The public sees visible products that are not archived; MANAGE_PRODUCTS sees all of them. */
	static boolean canSee(Product product, Caller caller) {
		return product.isPublic() || caller.hasPermission(Permission.MANAGE_PRODUCTS);
	}

	/** One statement for the page ({@link ProductPage}), one more for {@code totalCount} when it is selected. */
	Connection<Product> list(ProductFilter filter, Paging paging, Caller caller, boolean countTotal) {
		ProductFilter f = (filter == null) ? ProductFilter.DEFAULT : filter;
		Connection<Product> page = paging.query(pages.rows(f, caller.hasPermission(Permission.MANAGE_PRODUCTS)));
		if (countTotal) {
			page.totalCount();
		}
		return page;
	}

	/** A LIKE pattern matching the text anywhere, its own wildcards taken literally. */
	static String containing(String text) {
		String escaped = text.strip()
			.toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return "%" + escaped + "%";
	}

	@Transactional(readOnly = true)
	Optional<Product> find(UUID id, Caller caller) {
		return products.findById(id).filter(p -> canSee(p, caller));
	}

	/** A product the caller may see; NOT_FOUND otherwise, so hidden products do not betray their existence. */
	Product get(UUID id, Caller caller) {
		return find(id, caller).orElseThrow(() -> new NotFoundException("Product not found"));
	}

	record UpdateProduct(UUID id, String name, String description, ProductInputs.MoneyInput price) {
	}

	/** Changes the fields given; a blank description removes it. */
	ProductPayload update(UpdateProduct input, Caller caller) {
		caller.requirePermission(Permission.MANAGE_PRODUCTS);
		InputErrors errors = new InputErrors();
		String name = (input.name() == null) ? null : ProductInputs.name(errors, input.name(), "input", "name");
		String description = ProductInputs.description(errors, input.description(), "input", "description");
		Money price = (input.price() == null) ? null
				: ProductInputs.price(errors, input.price(), "input", "price");
		if (errors.any()) {
			return ProductPayload.failed(errors.list());
		}
		return edit(input.id(), caller, false, product -> {
			if (name != null) {
				product.rename(name);
			}
			if (input.description() != null) {
				product.describe(description);
			}
			if (price != null) {
				product.reprice(price);
			}
			return ProductPayload.ok(product);
		});
	}

	ProductPayload setVisibility(UUID id, boolean visible, Caller caller) {
		caller.requirePermission(Permission.MANAGE_PRODUCTS);
		return edit(id, caller, false, product -> {
			product.setVisible(visible);
			return ProductPayload.ok(product);
		});
	}

	/** Archiving twice is no error: the product simply stays archived. */
	ProductPayload archive(UUID id, Caller caller) {
		caller.requirePermission(Permission.MANAGE_PRODUCTS);
		return edit(id, caller, true, product -> {
			product.archive();
			return ProductPayload.ok(product);
		});
	}

	/** Applies a change in its own transaction, retried when another edit of the same product got there first. */
	private ProductPayload edit(UUID id, Caller caller, boolean archivedToo, Function<Product, ProductPayload> change) {
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(tx -> {
					Product product = get(id, caller);
					if (product.isArchived() && !archivedToo) {
						return ProductPayload.archived();
					}
					ProductPayload payload = change.apply(product);
					// flush here so a version conflict surfaces inside the retry loop, not at commit
					products.flush();
					return payload;
				});
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt >= EDIT_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
