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
 * request no longer than the time the request has left. So a statement that started just before the deadline does not
 * run on after it. Within a GraphQL request that has less time left than the statement timeout, the statement is
 * cancelled with the request ({@link RequestBudget#cancelWith}: at its deadline, or when its client goes away);
 * otherwise PostgreSQL's driver times it, to the millisecond. Neither costs a round trip.
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
			long remaining = budget.remainingMillis();
			if (budget.cancelsStatements() && remaining <= millis) {
				// the request cancels it at its deadline: no timer of its own (the driver's timers share one lock, which
				// every statement would take twice; it was the hottest frame of placeOrder's profile)
				budget.cancelWith(statement);
				return;
			}
			// at least a millisecond: 0 would mean no timeout at all
			millis = Math.max(1, Math.min(millis, remaining));
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
