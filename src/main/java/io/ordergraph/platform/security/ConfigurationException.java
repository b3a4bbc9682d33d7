package io.ordergraph.platform.security;

/** A configuration that Ordergraph refuses to start with; {@link #action()} says what to set. */
public class ConfigurationException extends RuntimeException {

	private final String action;

	public ConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	public String action() {
		return action;
	}

}
