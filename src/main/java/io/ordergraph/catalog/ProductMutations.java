package io.ordergraph.catalog;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Caller;

/** Staff managing products (needs MANAGE_PRODUCTS). */
@Controller
class ProductMutations {

	private final ProductCreation creation;

	private final ProductService products;

	private final StockService stock;

	ProductMutations(ProductCreation creation, ProductService products, StockService stock) {
		this.creation = creation;
		this.products = products;
		this.stock = stock;
	}

	@MutationMapping
	ProductPayload createProduct(@Argument ProductCreation.CreateProduct input, @ContextValue Caller caller) {
		return creation.create(input, caller);
	}

	record UpdateProductInput(String id, String name, String description, ProductInputs.MoneyInput price) {
	}

	@MutationMapping
	ProductPayload updateProduct(@Argument UpdateProductInput input, @ContextValue Caller caller) {
		return products.update(new ProductService.UpdateProduct(GlobalId.decode(input.id(), ProductController.TYPE),
				input.name(), input.description(), input.price()), caller);
	}

	record SetProductVisibilityInput(String id, boolean visible) {
	}

	@MutationMapping
	ProductPayload setProductVisibility(@Argument SetProductVisibilityInput input, @ContextValue Caller caller) {
		return products.setVisibility(GlobalId.decode(input.id(), ProductController.TYPE), input.visible(), caller);
	}

	record AdjustStockInput(String id, int delta, String reason) {
	}

	@MutationMapping
	ProductPayload adjustStock(@Argument AdjustStockInput input, @ContextValue Caller caller) {
		return stock.adjust(GlobalId.decode(input.id(), ProductController.TYPE), input.delta(), input.reason(),
				caller);
	}

	record ArchiveProductInput(String id) {
	}

	@MutationMapping
	ProductPayload archiveProduct(@Argument ArchiveProductInput input, @ContextValue Caller caller) {
		return products.archive(GlobalId.decode(input.id(), ProductController.TYPE), caller);
	}

}
