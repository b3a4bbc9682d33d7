package io.ordergraph.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.ordergraph.platform.graphql.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading products: who sees which, search, paging, one product and node(id:). */
class ProductTests extends CatalogTest {

	// language=GraphQL
	private static final String LIST = """
			query($first: Int, $after: String, $last: Int, $before: String, $filter: ProductFilter) {
			  products(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
			    edges { cursor node { id name stock price { amount currency } } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			    totalCount
			  }
			}""";

	// language=GraphQL
	private static final String ONE = "query($id: ID!) { product(id: $id) { id name stock visible archived } }";

	private static GraphQlTester.Response list(GraphQlTester tester, Map<String, Object> filter,
			Map<String, Object> paging) {
		Map<String, Object> variables = new HashMap<>(paging);
		variables.put("filter", filter);
		GraphQlTester.Request<?> request = tester.document(LIST);
		variables.forEach(request::variable);
		return request.execute();
	}

	private static GraphQlTester.Response search(GraphQlTester tester, String text) {
		return list(tester, Map.of("search", text), Map.of());
	}

	@Test
	void theNonManagingPublicListsOnlyVisibleProductsThatAreNotArchivedWithTheirStock() {
		String token = UUID.randomUUID().toString();
		createProduct(token + " visible", 7, true);
		createProduct(token + " hidden", 3, false);
		archivedProduct(token + " archived");
		for (HttpGraphQlTester caller : new HttpGraphQlTester[] { anonymous(), customer(), staff() }) {
			GraphQlTester.Response response = search(caller, token);
			assertThat(names(response, "products")).containsExactly(token + " visible");
			response.path("products.edges[0].node.stock").entity(Integer.class).isEqualTo(7);
			response.path("products.totalCount").entity(Integer.class).isEqualTo(1);
			// asking for hidden or archived ones shows nothing more
			assertThat(names(list(caller, Map.of("search", token, "visible", false), Map.of()), "products")).isEmpty();
			assertThat(names(list(caller, Map.of("search", token, "archived", true), Map.of()), "products")).isEmpty();
		}
	}

	@Test
	void productManagersSeeHiddenProductsAndArchivedOnesWhenAsked() {
		String token = UUID.randomUUID().toString();
		createProduct(token + " a visible", 7, true);
		createProduct(token + " b hidden", 3, false);
		archivedProduct(token + " c archived");
		for (HttpGraphQlTester caller : new HttpGraphQlTester[] { productManager(), manager() }) {
			assertThat(names(search(caller, token), "products")).containsExactly(token + " a visible",
					token + " b hidden");
			assertThat(names(list(caller, Map.of("search", token, "visible", false), Map.of()), "products"))
				.containsExactly(token + " b hidden");
			assertThat(names(list(caller, Map.of("search", token, "archived", true), Map.of()), "products"))
				.containsExactly(token + " c archived");
			Map<String, Object> both = new HashMap<>(Map.of("search", token));
			both.put("archived", null);
			assertThat(names(list(caller, both, Map.of()), "products")).hasSize(3);
		}
	}

	@Test
	void searchIsCaseInsensitiveAndTakesWildcardsLiterally() {
		String token = UUID.randomUUID().toString();
		createProduct("Coffee " + token, 1, true);
		assertThat(names(search(anonymous(), "cOFFEE " + token.toUpperCase()), "products"))
			.containsExactly("Coffee " + token);
		assertThat(names(search(anonymous(), "%" + token), "products")).isEmpty();
		assertThat(names(search(anonymous(), "_offee " + token), "products")).isEmpty();
	}

	@Test
	void pagesForwardAndBackwardInNameOrder() {
		String token = UUID.randomUUID().toString();
		createProduct(token + " C", 1, true);
		createProduct(token + " A", 1, true);
		createProduct(token + " B", 1, true);
		Map<String, Object> filter = Map.of("search", token);

		GraphQlTester.Response first = list(anonymous(), filter, Map.of("first", 2));
		assertThat(names(first, "products")).containsExactly(token + " A", token + " B");
		first.path("products.totalCount").entity(Integer.class).isEqualTo(3);
		first.path("products.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		first.path("products.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
		String end = first.path("products.pageInfo.endCursor").entity(String.class).get();

		GraphQlTester.Response next = list(anonymous(), filter, Map.of("first", 2, "after", end));
		assertThat(names(next, "products")).containsExactly(token + " C");
		next.path("products.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
		next.path("products.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);

		GraphQlTester.Response last = list(anonymous(), filter, Map.of("last", 2));
		assertThat(names(last, "products")).containsExactly(token + " B", token + " C");
		String start = last.path("products.pageInfo.startCursor").entity(String.class).get();
		GraphQlTester.Response before = list(anonymous(), filter, Map.of("last", 2, "before", start));
		assertThat(names(before, "products")).containsExactly(token + " A");
		before.path("products.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void pagesAreCappedAtAHundred() {
		expectError(list(anonymous(), null, Map.of("first", 101)), ErrorType.BAD_REQUEST);
		expectError(list(anonymous(), null, Map.of("last", 101)), ErrorType.BAD_REQUEST);
		list(anonymous(), null, Map.of("first", 100)).path("products.totalCount").hasValue();
	}

	@Test
	void hiddenAndArchivedProductsAreNotFoundForThePublicButFoundByProductManagers() {
		String hidden = createProduct(unique("hidden"), 3, false);
		String archived = archivedProduct(unique("archived"));
		for (String id : new String[] { hidden, archived }) {
			for (HttpGraphQlTester caller : new HttpGraphQlTester[] { anonymous(), customer(), staff() }) {
				caller.document(ONE).variable("id", id).execute().errors().verify().path("product").valueIsNull();
				caller.document("query($id: ID!) { node(id: $id) { id } }")
					.variable("id", id)
					.execute()
					.path("node")
					.valueIsNull();
			}
			productManager().document(ONE).variable("id", id).execute().path("product.id").entity(String.class)
				.isEqualTo(id);
			manager().document("query($id: ID!) { node(id: $id) { ... on Product { id stock } } }")
				.variable("id", id)
				.execute()
				.path("node.stock")
				.entity(Integer.class)
				.isEqualTo(3);
		}
	}

	@Test
	void anyoneReadsAVisibleProductByIdAndThroughNode() {
		String name = unique("visible");
		String id = createProduct(name, 4, true);
		anonymous().document(ONE).variable("id", id).execute().path("product.name").entity(String.class)
			.isEqualTo(name)
			.path("product.stock")
			.entity(Integer.class)
			.isEqualTo(4);
		customer().document("query($id: ID!) { node(id: $id) { ... on Product { name } } }")
			.variable("id", id)
			.execute()
			.path("node.name")
			.entity(String.class)
			.isEqualTo(name);
	}

	@Test
	void unknownOtherTypeAndMalformedIdsFindNothing() {
		for (String id : new String[] { GlobalId.encode("Product", UUID.randomUUID()),
				GlobalId.encode("Employee", UUID.randomUUID()), "%%not-an-id" }) {
			productManager().document(ONE).variable("id", id).execute().errors().verify().path("product").valueIsNull();
		}
	}

}
