package io.ordergraph.platform.limits;

import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's JdbcTemplate: within a request, a statement is not sent once the request's budget is spent, and
 * one that is sent may run no longer than the budget left (rounded up to whole seconds, JDBC's unit), after which
 * the driver cancels it. No extra round trip: the query timeout is the driver's own timer.
 */
final class BudgetedJdbcTemplate extends JdbcTemplate {

	BudgetedJdbcTemplate(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void applyStatementSettings(Statement statement) throws SQLException {
		RequestBudget current = RequestBudget.current();
		RequestBudget budget = (current != null && current.bounds()) ? current : null;
		if (budget != null) {
			budget.require();
		}
		super.applyStatementSettings(statement);
		if (budget != null) {
			int seconds = (int) Math.max(1, (budget.remainingMillis() + 999) / 1000);
			if (statement.getQueryTimeout() == 0 || seconds < statement.getQueryTimeout()) {
				statement.setQueryTimeout(seconds);
			}
		}
	}

}
