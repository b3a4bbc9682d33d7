package io.ordergraph.platform.security;

import java.util.List;

/** The caller as {@code me} shows it: what the token says, plus the permissions Ordergraph holds for it. */
public record Viewer(String subject, String name, String email, List<String> roles, List<Permission> permissions) {

	/** The signed-in caller, or null without a token. */
	public static Viewer of(Caller caller) {
		if (!caller.authenticated()) {
			return null;
		}
		return new Viewer(caller.subject(), caller.name(), caller.email(), List.copyOf(caller.roles()),
				caller.permissions().stream().sorted().toList());
	}

}
