package io.ordergraph.catalog;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.graphql.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff managing products: create, update, hide/show, archive; who may; what input is refused. */
class ProductMutationTests extends CatalogTest {

	/** The number of products named exactly {@code name}, archived or not, as a product manager sees them. */
	private int countNamed(String name) {
		Map<String, Object> filter = new HashMap<>();
		filter.put("search", name);
		filter.put("archived", null);
		return productManager().document("query($f: ProductFilter) { products(filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("products.totalCount")
			.entity(Integer.class)
			.get();
	}

	@Test
	void productManagersCreateProductsWithNormalizedPrices() {
		for (HttpGraphQlTester caller : new HttpGraphQlTester[] { productManager(), manager() }) {
			String name = unique("Tea");
			Map<String, Object> input = input("  " + name + " ", "12.5", "kes", 5, true);
			GraphQlTester.Response response = mutate(caller, "createProduct", "CreateProductInput", input);
			response.path("createProduct.errors").entityList(Object.class).hasSize(0);
			response.path("createProduct.product.name").entity(String.class).isEqualTo(name);
			response.path("createProduct.product.price.currency").entity(String.class).isEqualTo("KES");
			response.path("createProduct.product.price.amount")
				.entity(BigDecimal.class)
				.satisfies(amount -> assertThat(amount).isEqualByComparingTo("12.50"));
			response.path("createProduct.product.stock").entity(Integer.class).isEqualTo(5);
			response.path("createProduct.product.visible").entity(Boolean.class).isEqualTo(true);
			response.path("createProduct.product.archived").entity(Boolean.class).isEqualTo(false);
			response.path("createProduct.product.archivedAt").valueIsNull();
			response.path("createProduct.product.createdAt").hasValue();
		}
	}

	@Test
	void stockAndVisibilityHaveDefaults() {
		String name = unique("Defaults");
		GraphQlTester.Response response = mutate(productManager(), "createProduct", "CreateProductInput",
				Map.of("name", name, "price", Map.of("amount", "3", "currency", "JPY")));
		response.path("createProduct.product.stock").entity(Integer.class).isEqualTo(0);
		response.path("createProduct.product.visible").entity(Boolean.class).isEqualTo(true);
		response.path("createProduct.product.price.amount")
			.entity(BigDecimal.class)
			.satisfies(amount -> assertThat(amount).isEqualByComparingTo("3"));
		response.path("createProduct.product.description").valueIsNull();
	}

	@Test
	void invalidNewProductsAreRefusedWithUserErrorsAndNothingIsCreated() {
		String name = unique("Invalid");
		Map<String, List<String>> cases = Map.of(
				"blank name", List.of("input", "name"),
				"negative price", List.of("input", "price", "amount"),
				"unknown currency", List.of("input", "price", "currency"),
				"no-currency currency", List.of("input", "price", "currency"),
				"too many fraction digits", List.of("input", "price", "amount"),
				"negative stock", List.of("input", "stock"));
		cases.forEach((problem, field) -> {
			Map<String, Object> input = input(name, "10.00", "EUR", 1, true);
			switch (problem) {
				case "blank name" -> input.put("name", "   ");
				case "negative price" -> input.put("price", Map.of("amount", "-0.01", "currency", "EUR"));
				case "unknown currency" -> input.put("price", Map.of("amount", "1", "currency", "ABC"));
				case "no-currency currency" -> input.put("price", Map.of("amount", "1", "currency", "XXX"));
				case "too many fraction digits" -> input.put("price", Map.of("amount", "1.005", "currency", "EUR"));
				default -> input.put("stock", -1);
			}
			GraphQlTester.Response response = mutate(productManager(), "createProduct", "CreateProductInput", input);
			expectUserErrors(response, "createProduct", "INVALID_INPUT");
			response.path("createProduct.errors[0].field").entityList(String.class).isEqualTo(field);
		});
		assertThat(countNamed(name)).isZero();
	}

	@Test
	void productManagersUpdateNameDescriptionAndPrice() {
		String before = unique("Before");
		String id = createProduct(before, 2, true);
		String name = unique("After");
		GraphQlTester.Response response = mutate(productManager(), "updateProduct", "UpdateProductInput",
				Map.of("id", id, "name", name, "price", Map.of("amount", "7.250", "currency", "BHD")));
		response.path("updateProduct.errors").entityList(Object.class).hasSize(0);
		Map<String, Object> product = read(id);
		// the description was not given, so it stays
		assertThat(product).containsEntry("name", name).containsEntry("description", "About " + before);
		assertThat(amountOf(product)).isEqualByComparingTo("7.25");
		assertThat(((Map<?, ?>) product.get("price")).get("currency")).isEqualTo("BHD");

		mutate(productManager(), "updateProduct", "UpdateProductInput", Map.of("id", id, "description", ""))
			.path("updateProduct.product.description")
			.valueIsNull()
			.path("updateProduct.product.name")
			.entity(String.class)
			.isEqualTo(name);
	}

	@Test
	void invalidUpdatesChangeNothing() {
		String name = unique("Unchanged");
		String id = createProduct(name, 2, true);
		Map<String, Object> before = read(id);
		expectUserErrors(mutate(productManager(), "updateProduct", "UpdateProductInput",
				Map.of("id", id, "name", "", "description", "new")), "updateProduct", "INVALID_INPUT");
		expectUserErrors(mutate(productManager(), "updateProduct", "UpdateProductInput",
				Map.of("id", id, "name", "new", "price", Map.of("amount", "-1", "currency", "KES"))), "updateProduct",
				"INVALID_INPUT");
		expectUserErrors(mutate(productManager(), "updateProduct", "UpdateProductInput",
				Map.of("id", id, "price", Map.of("amount", "1", "currency", "EURO"))), "updateProduct",
				"INVALID_INPUT");
		assertThat(read(id)).isEqualTo(before);
	}

	@Test
	void hiddenProductsLeaveThePublicsSightAndComeBackWhenShown() {
		String id = createProduct(unique("Peekaboo"), 2, true);
		String one = "query($id: ID!) { product(id: $id) { id } }";
		mutate(productManager(), "setProductVisibility", "SetProductVisibilityInput", Map.of("id", id, "visible", false))
			.path("setProductVisibility.product.visible")
			.entity(Boolean.class)
			.isEqualTo(false);
		anonymous().document(one).variable("id", id).execute().errors().verify().path("product").valueIsNull();
		mutate(productManager(), "setProductVisibility", "SetProductVisibilityInput", Map.of("id", id, "visible", true))
			.path("setProductVisibility.product.visible")
			.entity(Boolean.class)
			.isEqualTo(true);
		anonymous().document(one).variable("id", id).execute().path("product.id").entity(String.class).isEqualTo(id);
	}

	@Test
	void archivedProductsAreKeptButCanNoLongerBeChanged() {
		String name = unique("Old");
		String id = createProduct(name, 4, true);
		GraphQlTester.Response archived = mutate(productManager(), "archiveProduct", "ArchiveProductInput",
				Map.of("id", id));
		archived.path("archiveProduct.product.archived").entity(Boolean.class).isEqualTo(true);
		archived.path("archiveProduct.product.archivedAt").hasValue();
		Map<String, Object> before = read(id);

		expectUserErrors(mutate(productManager(), "updateProduct", "UpdateProductInput",
				Map.of("id", id, "name", "New")), "updateProduct", "PRODUCT_ARCHIVED");
		expectUserErrors(mutate(productManager(), "setProductVisibility", "SetProductVisibilityInput",
				Map.of("id", id, "visible", false)), "setProductVisibility", "PRODUCT_ARCHIVED");
		expectUserErrors(mutate(productManager(), "adjustStock", "AdjustStockInput",
				Map.of("id", id, "delta", 5, "reason", "Delivery")), "adjustStock", "PRODUCT_ARCHIVED");
		// archiving again is harmless
		mutate(productManager(), "archiveProduct", "ArchiveProductInput", Map.of("id", id))
			.path("archiveProduct.product.archivedAt")
			.entity(String.class)
			.isEqualTo((String) before.get("archivedAt"));
		assertThat(read(id)).isEqualTo(before);
		assertThat(countNamed(name)).isEqualTo(1);
	}

	/** Every mutation with a valid input for the given product. */
	private static Map<String, Object[]> everyMutation(String id) {
		return Map.of(
				"createProduct", new Object[] { "CreateProductInput", input(unique("Nope"), "1", "KES", 1, true) },
				"updateProduct", new Object[] { "UpdateProductInput", Map.of("id", id, "name", "Nope") },
				"setProductVisibility", new Object[] { "SetProductVisibilityInput", Map.of("id", id, "visible", false) },
				"adjustStock", new Object[] { "AdjustStockInput", Map.of("id", id, "delta", 1, "reason", "Nope") },
				"archiveProduct", new Object[] { "ArchiveProductInput", Map.of("id", id) });
	}

	@SuppressWarnings("unchecked")
	@Test
	void onlyStaffWithManageProductsMayChangeProducts() {
		String id = createProduct(unique("Guarded"), 2, true);
		Map<String, Object> before = read(id);
		everyMutation(id).forEach((mutation, args) -> {
			String type = (String) args[0];
			Map<String, Object> input = (Map<String, Object>) args[1];
			expectError(mutate(anonymous(), mutation, type, input), ErrorType.UNAUTHORIZED);
			expectError(mutate(customer(), mutation, type, input), ErrorType.FORBIDDEN);
			expectError(mutate(staff(), mutation, type, input), ErrorType.FORBIDDEN);
		});
		assertThat(read(id)).isEqualTo(before);
	}

	@SuppressWarnings("unchecked")
	@Test
	void unknownProductsAreNotFoundAndMalformedIdsBadRequests() {
		String unknown = GlobalId.encode("Product", UUID.randomUUID());
		everyMutation(unknown).forEach((mutation, args) -> {
			if (!mutation.equals("createProduct")) {
				Map<String, Object> input = new HashMap<>((Map<String, Object>) args[1]);
				expectError(mutate(productManager(), mutation, (String) args[0], input), ErrorType.NOT_FOUND);
				input.put("id", "not an id!");
				expectError(mutate(productManager(), mutation, (String) args[0], input), ErrorType.BAD_REQUEST);
			}
		});
	}

}
