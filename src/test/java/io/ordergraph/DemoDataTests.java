package io.ordergraph;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded mode's demo shop: what a newcomer sees after `./mvnw spring-boot:run`. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ordergraph.embedded-db.data-directory=target/embedded-pg/demo-${random.uuid}",
				"ordergraph.embedded-db.clean=true", "ordergraph.demo-data.enabled=true" })
class DemoDataTests extends IntegrationTest {

	@Test
	void demoUsersAndCatalogAreLoaded() {
		anonymous().document("{ products(first: 10) { totalCount edges { node { name stock price { currency } } } } }")
			.execute()
			.path("products.totalCount")
			.entity(Integer.class)
			.satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(6));
		withToken(token("11111111-1111-4111-8111-111111111111", "staff"))
			.document("{ me { permissions employee { name } } }")
			.execute()
			.path("me.permissions")
			.entityList(String.class)
			.hasSize(5)
			.path("me.employee.name")
			.entity(String.class)
			.isEqualTo("Demo Manager");
		withToken(token("22222222-2222-4222-8222-222222222222", "staff")).document("{ me { permissions } }")
			.execute()
			.path("me.permissions")
			.entityList(String.class)
			.contains("MANAGE_PRODUCTS", "MANAGE_ORDERS")
			.doesNotContain("MANAGE_STAFF");
		withToken(token("33333333-3333-4333-8333-333333333333", "customer")).document("{ me { customer { code } } }")
			.execute()
			.path("me.customer.code")
			.entity(String.class)
			.isEqualTo("DEMO-001");
	}

}
