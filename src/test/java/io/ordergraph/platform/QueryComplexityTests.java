package io.ordergraph.platform;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.test.context.TestPropertySource;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The complexity guard, with a low limit so that a small query can cross it. */
@TestPropertySource(properties = "ordergraph.graphql.max-complexity=40")
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

}
