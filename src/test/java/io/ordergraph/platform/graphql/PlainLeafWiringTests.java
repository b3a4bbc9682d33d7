package io.ordergraph.platform.graphql;

import graphql.GraphQL;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.SingletonPropertyDataFetcher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the running application, queries take {@link PlainLeafExecution}'s short way: its strategy runs them, none of
 * the instrumentations Spring Boot and we install would see a plain field, and the order page's and the catalog's
 * plain fields are read by property. (That the answers are right is what every query test shows.)
 */
class PlainLeafWiringTests extends IntegrationTest {

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void queriesTakeTheShortWayThroughPlainFields() {
		GraphQL graphQl = graphQlSource.graphQl();
		assertThat(graphQl.getQueryStrategy()).isInstanceOf(PlainLeafExecution.class);
		assertThat(graphQl.getInstrumentation()).isInstanceOfSatisfying(SelectiveInstrumentation.class,
				instrumentation -> assertThat(instrumentation.leavesPlainFieldsAlone()).isTrue());
		for (String field : new String[] { "Order.number", "Order.status", "OrderLine.quantity", "Customer.name",
				"Product.name", "Product.stock", "Money.currency" }) {
			String[] parts = field.split("\\.");
			GraphQLSchema schema = graphQlSource.schema();
			GraphQLObjectType parent = schema.getObjectType(parts[0]);
			GraphQLFieldDefinition definition = parent.getFieldDefinition(parts[1]);
			assertThat(schema.getCodeRegistry().getDataFetcher(parent, definition)).as(field)
				.isInstanceOfAny(PropertyDataFetcher.class, SingletonPropertyDataFetcher.class);
		}
	}

}
