package io.ordergraph.platform.graphql;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.security.Caller;

/** Relay object identification: {@code node(id:)}, {@code nodes(ids:)} and the {@code id} of every Node type. */
@Controller
class NodeController {

	static final int MAX_IDS = 100;

	private final Map<String, NodeResolver> resolvers;

	NodeController(List<NodeResolver> resolvers) {
		this.resolvers = resolvers.stream().collect(Collectors.toMap(NodeResolver::typeName, Function.identity()));
	}

	@QueryMapping
	Object node(@Argument String id, @ContextValue Caller caller) {
		GlobalId globalId;
		try {
			globalId = GlobalId.decode(id);
		}
		catch (BadRequestException ex) {
			return null; // a malformed id finds nothing, as an unknown one does
		}
		NodeResolver resolver = resolvers.get(globalId.type());
		return (resolver == null) ? null : resolver.find(globalId.id(), caller).orElse(null);
	}

	@QueryMapping
	List<Object> nodes(@Argument List<String> ids, @ContextValue Caller caller) {
		if (ids.size() > MAX_IDS) {
			throw new BadRequestException("At most " + MAX_IDS + " ids at once");
		}
		List<Object> found = new java.util.ArrayList<>(ids.size());
		for (String id : ids) {
			found.add(node(id, caller));
		}
		return found;
	}

	/** Every object type implementing Node gets its {@code id} from {@link GlobalId}. */
	@Bean
	static GraphQlSourceBuilderCustomizer globalIds() {
		return builder -> builder.typeVisitors(List.of(new GraphQLTypeVisitorStub() {
			@Override
			public TraversalControl visitGraphQLObjectType(GraphQLObjectType type,
					TraverserContext<GraphQLSchemaElement> context) {
				boolean node = type.getInterfaces()
					.stream()
					.anyMatch(i -> ((GraphQLNamedOutputType) i).getName().equals("Node"));
				if (node) {
					GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
					String typeName = type.getName();
					registry.dataFetcher(FieldCoordinates.coordinates(typeName, "id"),
							ComputedField.<NodeSource, String>of(source -> GlobalId.encode(typeName, source.getId())));
				}
				return TraversalControl.CONTINUE;
			}
		}));
	}

}
