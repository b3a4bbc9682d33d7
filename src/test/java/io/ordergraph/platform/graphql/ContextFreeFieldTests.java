package io.ordergraph.platform.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields that read no thread-local are wired without Spring's per-call context snapshot; those that may read
 * one (a controller method that takes the caller from the security context) keep it. That the fields still answer
 * is what every test of the order page shows.
 */
class ContextFreeFieldTests extends IntegrationTest {

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void anOrdersChildrenAndEveryBatchMappingHaveNoContextSnapshot() {
		assertThat(fetcher("Order", "customer")).isInstanceOf(ContextFreeField.class);
		assertThat(fetcher("Order", "lines")).isInstanceOf(ContextFreeField.class);
		assertThat(fetcher("OrderLine", "product")).isInstanceOf(ContextFreeField.class);
		// @BatchMapping, still described to Spring's schema inspection
		assertThat(fetcher("Order", "statusHistory")).isInstanceOf(ContextFreeField.Described.class);
		assertThat(((ContextFreeField.Described) fetcher("Order", "statusHistory")).getDescription())
			.contains("statusHistory");
	}

	@Test
	void aControllerMethodKeepsItsContext() {
		DataFetcher<?> stockMovements = fetcher("Product", "stockMovements");
		assertThat(stockMovements).isNotInstanceOf(ContextFreeField.class);
		assertThat(stockMovements.getClass().getSimpleName()).contains("ContextDataFetcherDecorator");
	}

	private DataFetcher<?> fetcher(String type, String field) {
		GraphQLSchema schema = graphQlSource.schema();
		GraphQLObjectType parent = schema.getObjectType(type);
		GraphQLFieldDefinition definition = parent.getFieldDefinition(field);
		return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(parent, definition), definition);
	}

}
