package io.ordergraph.platform.security;

import java.util.List;

import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code me}: who the caller is. Modules add what they know of the caller to {@code Viewer}. */
@Controller
class MeController {

	@QueryMapping
	Viewer me(@ContextValue Caller caller) {
		if (!caller.authenticated()) {
			return null;
		}
		return new Viewer(caller.subject(), caller.name(), caller.email(), List.copyOf(caller.roles()),
				caller.permissions().stream().sorted().toList());
	}

}
