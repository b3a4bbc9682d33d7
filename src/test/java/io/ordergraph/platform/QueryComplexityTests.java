package io.ordergraph.platform;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.test.context.TestPropertySource;

import io.ordergraph.IntegrationTest;
import io.ordergraph.SqlWork;
import io.ordergraph.platform.db.ReadStatements;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complexity guard, with a low limit so that a small query can cross it; this context also runs without a read
 * pool ({@code ordergraph.db.read-pool-size=0}), which every other context has.
 */
@TestPropertySource(properties = { "ordergraph.graphql.max-complexity=40", "ordergraph.db.read-pool-size=0" })
class QueryComplexityTests extends IntegrationTest {

	// 17 fields each
	private static final String SCHEMA = "__schema { types { name description kind fields { name description "
			+ "args { name } type { name kind ofType { name kind } } } } }";

	@Test
	void queryUnderTheLimitRuns() {
		anonymous().document("{ a: " + SCHEMA + " }").executeAndVerify();
	}

	@Test
	void tooComplexQueryIsRefused() {
		anonymous().document("{ a: " + SCHEMA + " b: " + SCHEMA + " c: " + SCHEMA + " }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
				assertThat(e.getMessage()).contains("complexity");
			}));
	}

	@Test
	void withoutAReadPoolTheCatalogIsReadOnTheMainPool() {
		String tag = SqlWork.newTag();
		anonymous().mutate()
			.header(SqlWork.HEADER, tag)
			.build()
			.document("{ products(first: 3) { edges { node { name } } } }")
			.executeAndVerify();
		SqlWork.Tally catalog = SqlWork.tally(tag);
		assertThat(catalog.pools()).as(catalog.toString()).isNotEmpty().doesNotContain(ReadStatements.POOL_NAME);
	}

}
