package io.ordergraph.platform.graphql;

import java.util.function.Function;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * A field computed from its parent object alone: no I/O, no arguments, no authorization of its own (the parent was
 * authorized when it was fetched). graphql-java treats it like a property read — no instrumentation, no context
 * propagation, no handler-method machinery — which on a page of 50 orders with their lines is hundreds of fields
 * per request. Fields that read, take arguments or check the caller stay in controllers.
 */
public final class ComputedField<S, R> implements TrivialDataFetcher<R> {

	private final Function<S, R> compute;

	private ComputedField(Function<S, R> compute) {
		this.compute = compute;
	}

	public static <S, R> ComputedField<S, R> of(Function<S, R> compute) {
		return new ComputedField<>(compute);
	}

	@Override
	public R get(DataFetchingEnvironment environment) {
		S source = environment.getSource();
		return (source == null) ? null : compute.apply(source);
	}

}
