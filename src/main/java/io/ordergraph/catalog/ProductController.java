package io.ordergraph.catalog;

import java.util.Optional;
import java.util.UUID;

import graphql.schema.DataFetchingFieldSelectionSet;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.graphql.NodeResolver;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;

/** Reading products: the public list, one product, {@code node(id:)} and a product's stock history. */
@Controller
class ProductController implements NodeResolver {

	static final String TYPE = "Product";

	private final ProductService service;

	private final StockService stock;

	ProductController(ProductService service, StockService stock) {
		this.service = service;
		this.stock = stock;
	}

	@Override
	public String typeName() {
		return TYPE;
	}

	@Override
	public Optional<?> find(UUID id, Caller caller) {
		return service.find(id, caller);
	}

	@QueryMapping
	Connection<Product> products(@Argument Integer first, @Argument String after, @Argument Integer last,
			@Argument String before, @Argument ProductService.ProductFilter filter, @ContextValue Caller caller,
			DataFetchingFieldSelectionSet selection) {
		return service.list(filter, new Paging(first, after, last, before), caller, selection.contains("totalCount"));
	}

	@QueryMapping
	Product product(@Argument String id, @ContextValue Caller caller) {
		return GlobalId.tryDecode(id, TYPE).flatMap(uuid -> service.find(uuid, caller)).orElse(null);
	}

	// one query per product, but only staff ask for it, about one product at a time, with paging arguments
	@SchemaMapping(typeName = TYPE)
	Connection<StockMovement> stockMovements(Product product, @Argument Integer first, @Argument String after,
			@Argument Integer last, @Argument String before, @ContextValue Caller caller) {
		return stock.history(product, new Paging(first, after, last, before), caller);
	}

}
