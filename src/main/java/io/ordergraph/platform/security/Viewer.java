package io.ordergraph.platform.security;

import java.util.List;

/** The caller as {@code me} shows it: what the token says, plus the permissions Ordergraph holds for it. */
public record Viewer(String subject, String name, String email, List<String> roles, List<Permission> permissions) {
}
