package io.ordergraph.platform.limits;

import java.util.Collection;
import java.util.Map;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * The static cost of a query, counted before it runs: the most objects its answer can hold. Every object-typed field
 * counts 1 per object (scalars and enums count 0), multiplied by how many objects the field can yield: a connection's
 * {@code edges} and {@code nodes} by its {@code first}/{@code last} (the page size cap of 100 when absent), other lists
 * by their declared size ({@code listSizes}, or the size of an {@code ids} argument), else the default list size.
 * Fields added later are counted without declaring anything. Introspection ({@code __schema}, {@code __type}) counts
 * 1: its answer is bounded by the schema.
 */
final class QueryCost {

	static final int MAX_PAGE = 100;

	private final int defaultListSize;

	private final Map<String, Integer> listSizes;

	QueryCost(int defaultListSize, Map<String, Integer> listSizes) {
		this.defaultListSize = defaultListSize;
		this.listSizes = listSizes;
	}

	long of(ExecutableNormalizedOperation operation, GraphQLSchema schema) {
		long cost = 0;
		for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
			cost = saturatedAdd(cost, cost(field, schema, 1));
		}
		return cost;
	}

	private long cost(ExecutableNormalizedField field, GraphQLSchema schema, long count) {
		GraphQLOutputType type = field.getType(schema);
		GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
		if (GraphQLTypeUtil.isLeaf(named)) {
			return 0;
		}
		if (field.getName().startsWith("__")) {
			// introspection: its answer is bounded by the schema, not by data (and it is off in production)
			return count;
		}
		boolean connection = named.getName().endsWith("Connection");
		long pageSize = connection ? pageSize(field.getResolvedArguments()) : 1;
		long children = 0;
		for (ExecutableNormalizedField child : field.getChildren()) {
			long childCount = 1;
			if (connection && ("edges".equals(child.getName()) || "nodes".equals(child.getName()))) {
				childCount = pageSize;
			}
			else if (isList(child.getType(schema))) {
				childCount = listSize(child);
			}
			children = saturatedAdd(children, cost(child, schema, childCount));
		}
		return saturatedMultiply(count, saturatedAdd(1, children));
	}

	private long listSize(ExecutableNormalizedField field) {
		// a normalized field's object type names are the types it is selected on
		for (String typeName : field.getObjectTypeNames()) {
			Integer declared = listSizes.get(typeName + "." + field.getName());
			if (declared != null) {
				return declared;
			}
		}
		Object ids = field.getResolvedArguments().get("ids");
		if (ids instanceof Collection<?> list) {
			return list.size();
		}
		return defaultListSize;
	}

	private static long pageSize(Map<String, Object> arguments) {
		long size = 0;
		for (String name : new String[] { "first", "last" }) {
			if (arguments.get(name) instanceof Number n) {
				size = Math.max(size, n.longValue());
			}
		}
		return (size <= 0 || size > MAX_PAGE) ? MAX_PAGE : size;
	}

	private static boolean isList(GraphQLType type) {
		GraphQLType unwrapped = (type instanceof GraphQLNonNull nonNull) ? nonNull.getWrappedType() : type;
		return unwrapped instanceof GraphQLList;
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	private static long saturatedMultiply(long a, long b) {
		long product = a * b;
		return (a != 0 && (product / a != b || product < 0)) ? Long.MAX_VALUE : product;
	}

}
