package io.ordergraph.platform.limits;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.hibernate.cfg.AvailableSettings;
import org.postgresql.jdbc.PgStatement;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * How long one SQL statement may run: the statement timeout ({@code ordergraph.limits.statement-timeout}), and within a
 * request no longer than the time the request has left, to the millisecond (PostgreSQL's driver cancels it then). So a
 * statement that started just before the deadline does not run on after it. It costs no round trip: the timeout is the
 * driver's own timer.
 * <p>
 * Applied to every statement Hibernate prepares (through the connections of {@link #hibernate}) and to every statement
 * of the application's {@code JdbcTemplate} ({@link BudgetedJdbcTemplate}).
 */
final class StatementTimeouts {

	private final long defaultMillis;

	StatementTimeouts(Duration statementTimeout) {
		this.defaultMillis = statementTimeout.toMillis();
	}

	/** Sets the statement's timeout: the statement timeout, or the request's time left when that is shorter. */
	void apply(Statement statement) throws SQLException {
		long millis = defaultMillis;
		RequestBudget budget = RequestBudget.current();
		if (budget != null && budget.bounds()) {
			budget.require();
			// at least a millisecond: 0 would mean no timeout at all
			millis = Math.max(1, Math.min(millis, budget.remainingMillis()));
		}
		if (statement.isWrapperFor(PgStatement.class)) {
			statement.unwrap(PgStatement.class).setQueryTimeoutMs(millis);
		}
		else {
			statement.setQueryTimeout((int) Math.max(1, (millis + 999) / 1000));
		}
	}

	/**
	 * Hands Hibernate the application's data source with connections whose new statements get their timeout. The
	 * JPA query timeout stays unset: Hibernate would otherwise set its own on queries, over this one.
	 */
	void hibernate(Map<String, Object> properties, DataSource dataSource) {
		properties.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, new TimedDataSource(dataSource, this));
	}

	/** The application's data source whose connections time their statements. */
	private static final class TimedDataSource extends DelegatingDataSource {

		private final StatementTimeouts timeouts;

		TimedDataSource(DataSource target, StatementTimeouts timeouts) {
			super(target);
			this.timeouts = timeouts;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return timed(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return timed(super.getConnection(username, password));
		}

		private Connection timed(Connection connection) {
			return (Connection) Proxy.newProxyInstance(StatementTimeouts.class.getClassLoader(),
					new Class<?>[] { Connection.class }, new TimedConnection(connection, timeouts));
		}

	}

	private record TimedConnection(Connection target, StatementTimeouts timeouts) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			Object result;
			try {
				result = method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (result instanceof Statement statement) {
				// createStatement, prepareStatement and prepareCall
				try {
					timeouts.apply(statement);
				}
				catch (SQLException | RuntimeException ex) {
					statement.close();
					throw ex;
				}
			}
			return result;
		}

	}

}
