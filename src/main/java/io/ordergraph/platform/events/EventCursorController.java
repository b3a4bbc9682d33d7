package io.ordergraph.platform.events;

import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.security.Caller;

/**
 * {@code latestEventCursor}: read it before loading the state a screen shows, then subscribe with
 * {@code after: <it>}; whatever changed in between is replayed, so nothing falls in the gap.
 */
@Controller
class EventCursorController {

	private final EventLog eventLog;

	EventCursorController(EventLog eventLog) {
		this.eventLog = eventLog;
	}

	@QueryMapping
	String latestEventCursor(@ContextValue Caller caller) {
		caller.requireSubject();
		return EventCursor.encode(eventLog.head());
	}

}
