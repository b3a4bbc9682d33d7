package io.ordergraph.platform.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the event log. */
@Component
public class EventLog {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	EventLog(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Events after the given sequence, oldest first, at most {@code limit}. */
	public List<StoredEvent> readAfter(long sequence, int limit) {
		return jdbc.query("select * from event_log where seq > ? order by seq limit ?", this::map, sequence, limit);
	}

	/** The sequence of the newest event, 0 when there is none. */
	public long head() {
		Long head = jdbc.queryForObject("select coalesce(max(seq), 0) from event_log", Long.class);
		return head == null ? 0 : head;
	}

	private StoredEvent map(ResultSet rs, int row) throws SQLException {
		return new StoredEvent(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getString("type"),
				rs.getString("aggregate_type"), rs.getObject("aggregate_id", UUID.class),
				rs.getObject("owner_id", UUID.class), json.readValue(rs.getString("payload"), MAP),
				rs.getTimestamp("occurred_at").toInstant());
	}

}
