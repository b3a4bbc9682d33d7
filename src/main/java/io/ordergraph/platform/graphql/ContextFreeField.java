package io.ordergraph.platform.graphql;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

/**
 * A field whose fetcher reads only its parent, the GraphQL context and DataLoaders, never a thread-local: an order's
 * lines and customer, a line's product, every {@code @BatchMapping} field. Spring for GraphQL wraps each non-trivial
 * fetcher in a {@code ContextDataFetcherDecorator}, which captures the request's context and restores its
 * thread-locals around every call; on a page of 50 orders with their customers, lines and the lines' products that is
 * some 250 snapshots per request, for calls that read no thread-local (a batch loader, run later, takes the context
 * from the GraphQL context). Marked trivial, such a field is left alone by that decorator and by the per-field
 * observation (switched off anyway: {@code graphql.datafetcher}). {@code CostInstrumentation} still checks the
 * request's budget before it, as before every other field that may do work.
 */
public class ContextFreeField implements TrivialDataFetcher<Object> {

	private final DataFetcher<?> delegate;

	ContextFreeField(DataFetcher<?> delegate) {
		this.delegate = delegate;
	}

	/** The fetcher, marked as reading no thread-local. */
	public static ContextFreeField of(DataFetcher<?> fetcher) {
		return new ContextFreeField(fetcher);
	}

	/**
	 * A field read directly where it can be ({@code known}: the page prefetched it), and by {@code otherwise} (a data
	 * loader) where it answers {@link DirectField#UNAVAILABLE}. {@link ShapedExecution} reads it without graphql-java.
	 */
	public static ContextFreeField of(DirectField known, DataFetcher<?> otherwise) {
		return new Prefetched(known, otherwise);
	}

	@Override
	public Object get(DataFetchingEnvironment environment) throws Exception {
		return this.delegate.get(environment);
	}

	/**
	 * Spring's fetcher of a {@code @BatchMapping} method, which only calls {@code DataLoader.load}. Not any fetcher
	 * that {@code usesDataLoader()}: a {@code @SchemaMapping} method with a DataLoader argument runs the method itself,
	 * which may read the caller from a thread-local. If Spring renames the class nothing is replaced (and
	 * {@code ContextFreeFieldTests} fails).
	 */
	static boolean isBatchMapping(DataFetcher<?> fetcher) {
		return fetcher.getClass().getName().equals(BATCH_MAPPING_FETCHER);
	}

	private static final String BATCH_MAPPING_FETCHER = "org.springframework.graphql.data.method.annotation.support."
			+ "AnnotatedControllerConfigurer$BatchMappingDataFetcher";

	/**
	 * Marks every {@code @BatchMapping} field. Type visitors run before Spring's context decorator visits the same
	 * field, so the decorator sees the trivial fetcher and leaves it.
	 */
	static GraphQlSourceBuilderCustomizer batchMappings() {
		return builder -> builder.typeVisitors(List.of(new GraphQLTypeVisitorStub() {
			@Override
			@SuppressWarnings("unchecked")
			public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
					TraverserContext<GraphQLSchemaElement> context) {
				if (context.getParentNode() instanceof GraphQLFieldsContainer parent) {
					GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
					FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
					DataFetcher<?> fetcher = registry.getDataFetcher(coordinates, field);
					if (fetcher instanceof SelfDescribingDataFetcher<?> described && isBatchMapping(fetcher)) {
						registry.dataFetcher(coordinates, new Described((SelfDescribingDataFetcher<Object>) described));
					}
				}
				return TraversalControl.CONTINUE;
			}
		}));
	}

	private static final class Prefetched extends ContextFreeField implements DirectField {

		private final DirectField known;

		Prefetched(DirectField known, DataFetcher<?> otherwise) {
			super(environment -> {
				Object value = known.read(environment.getSource(), environment.getGraphQlContext());
				return (value != UNAVAILABLE) ? value : otherwise.get(environment);
			});
			this.known = known;
		}

		@Override
		public Object read(Object source, GraphQLContext context) {
			return this.known.read(source, context);
		}

	}

	/** A marked {@code @BatchMapping} fetcher, still describing its method to Spring's schema inspection. */
	static final class Described extends ContextFreeField implements SelfDescribingDataFetcher<Object> {

		private final SelfDescribingDataFetcher<Object> described;

		Described(SelfDescribingDataFetcher<Object> described) {
			super(described);
			this.described = described;
		}

		@Override
		public String getDescription() {
			return this.described.getDescription();
		}

		@Override
		public ResolvableType getReturnType() {
			return this.described.getReturnType();
		}

		@Override
		public Map<String, ResolvableType> getArguments() {
			return this.described.getArguments();
		}

		@Override
		public Method asMethod() {
			return this.described.asMethod();
		}

		@Override
		public boolean usesDataLoader() {
			return true;
		}

	}

}
