package io.ordergraph.platform.security;

import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code me}: who the caller is. Modules add what they know of the caller to {@code Viewer}. */
@Controller
class MeController {

	@QueryMapping
	Viewer me(@ContextValue Caller caller) {
		return Viewer.of(caller);
	}

	/**
	 * A stable id for the caller, the same in every token and every replica (derived from the subject), so that a
	 * client cache keeps one {@code Viewer} entry and updates it from any payload that includes {@code me}.
	 */
	@org.springframework.graphql.data.method.annotation.SchemaMapping(typeName = "Viewer")
	String id(Viewer viewer) {
		java.util.UUID id = java.util.UUID.nameUUIDFromBytes(
				("viewer:" + viewer.subject()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return io.ordergraph.platform.graphql.GlobalId.encode("Viewer", id);
	}

}
