package io.ordergraph.platform;

import java.util.ArrayList;
import java.util.List;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.SchemaReport;

import io.ordergraph.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaTests extends IntegrationTest {

	@Autowired
	GraphQlSource graphQlSource;

	@Autowired
	ApplicationSchemaReport report;

	@Test
	void everyFieldAndArgumentIsMapped() {
		SchemaReport schemaReport = report.get();
		assertThat(schemaReport).isNotNull();
		assertThat(schemaReport.unmappedFields()).as("unmapped fields").isEmpty();
		assertThat(schemaReport.unmappedArguments()).as("unmapped arguments").isEmpty();
		assertThat(schemaReport.unmappedRegistrations()).as("controller methods without a schema field").isEmpty();
	}

	@Test
	void everyTypeFieldArgumentAndEnumValueHasADescription() {
		GraphQLSchema schema = graphQlSource.schema();
		List<String> missing = new ArrayList<>();
		for (GraphQLNamedType type : schema.getAllTypesAsList()) {
			if (type.getName().startsWith("__")) {
				continue;
			}
			if (isBlank(type.getDescription()) && !List.of("Boolean", "String", "Int", "Float", "ID")
				.contains(type.getName())) {
				missing.add(type.getName());
			}
			if (type instanceof GraphQLObjectType object) {
				object.getFieldDefinitions().forEach(f -> checkField(type.getName(), f, missing));
			}
			if (type instanceof GraphQLInterfaceType iface) {
				iface.getFieldDefinitions().forEach(f -> checkField(type.getName(), f, missing));
			}
			if (type instanceof GraphQLInputObjectType input) {
				for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
					if (isBlank(field.getDescription())) {
						missing.add(type.getName() + "." + field.getName());
					}
				}
			}
			if (type instanceof GraphQLEnumType enumType) {
				for (GraphQLEnumValueDefinition value : enumType.getValues()) {
					if (isBlank(value.getDescription())) {
						missing.add(type.getName() + "." + value.getName());
					}
				}
			}
		}
		assertThat(missing).as("schema elements without a description").isEmpty();
	}

	private static void checkField(String typeName, GraphQLFieldDefinition field, List<String> missing) {
		if (isBlank(field.getDescription())) {
			missing.add(typeName + "." + field.getName());
		}
		for (GraphQLArgument argument : field.getArguments()) {
			if (isBlank(argument.getDescription())) {
				missing.add(typeName + "." + field.getName() + "(" + argument.getName() + ")");
			}
		}
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}

}
