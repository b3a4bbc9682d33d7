package io.ordergraph.session;

/** Where a table session is: waiting for its first guest, in use, or over. */
public enum OrderSessionState {
	OPENED, VERIFIED, CLOSED
}
