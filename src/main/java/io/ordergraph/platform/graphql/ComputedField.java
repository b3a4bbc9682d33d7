package io.ordergraph.platform.graphql;

import java.util.function.Function;
import java.util.function.Supplier;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;

/**
 * A field computed from its parent object alone: no I/O, no arguments, no authorization of its own (the parent was
 * authorized when it was fetched). graphql-java treats it like a property read — no instrumentation, no context
 * propagation, no handler-method machinery — which on a page of 50 orders with their lines is hundreds of fields
 * per request. Fields that read, take arguments or check the caller stay in controllers. As a light data fetcher it
 * needs no data fetching environment, and {@link ShapedExecution} reads it directly.
 */
public final class ComputedField<S, R> implements LightDataFetcher<R>, DirectField {

	private final Function<S, R> compute;

	private ComputedField(Function<S, R> compute) {
		this.compute = compute;
	}

	public static <S, R> ComputedField<S, R> of(Function<S, R> compute) {
		return new ComputedField<>(compute);
	}

	@Override
	public R get(DataFetchingEnvironment environment) {
		return compute(environment.getSource());
	}

	@Override
	public R get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) {
		return compute(source);
	}

	@Override
	public Object read(Object source, GraphQLContext context) {
		return compute(source);
	}

	@SuppressWarnings("unchecked")
	private R compute(Object source) {
		return (source == null) ? null : compute.apply((S) source);
	}

}
