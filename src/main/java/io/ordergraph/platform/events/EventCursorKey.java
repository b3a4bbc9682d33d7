package io.ordergraph.platform.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads the key of {@link EventCursor} from the database, the first instance making it, so that every instance reads
 * the cursors every other one wrote.
 */
@Component
class EventCursorKey {

	private static final String NAME = "event-cursor";

	EventCursorKey(JdbcTemplate jdbc) {
		jdbc.update("insert into platform_secret (name, value) values (?, ?) on conflict (name) do nothing", NAME,
				EventCursor.randomKey());
		EventCursor.useKey(jdbc.queryForObject("select value from platform_secret where name = ?", byte[].class, NAME));
	}

}
