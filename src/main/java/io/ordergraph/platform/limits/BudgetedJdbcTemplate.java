package io.ordergraph.platform.limits;

import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's JdbcTemplate: within a request, a statement is not sent once the request's budget is spent, and
 * one that is sent may run no longer than the budget left (see {@link StatementTimeouts}).
 */
final class BudgetedJdbcTemplate extends JdbcTemplate {

	private final StatementTimeouts timeouts;

	BudgetedJdbcTemplate(DataSource dataSource, StatementTimeouts timeouts) {
		super(dataSource);
		this.timeouts = timeouts;
	}

	@Override
	protected void applyStatementSettings(Statement statement) throws SQLException {
		super.applyStatementSettings(statement);
		timeouts.apply(statement);
	}

}
