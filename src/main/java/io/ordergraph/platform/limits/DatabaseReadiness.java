package io.ordergraph.platform.limits;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness's database check on a connection of its own, outside the pool GraphQL requests use, with a short timeout:
 * it answers within about a second however busy the pool is. Liveness never looks at the database.
 */
@Component("database")
class DatabaseReadiness implements HealthIndicator, DisposableBean {

	private static final Duration TIMEOUT = Duration.ofMillis(800);

	private final HikariDataSource pool;

	private final ReentrantLock lock = new ReentrantLock();

	private Connection connection;

	DatabaseReadiness(DataSource dataSource) {
		this.pool = (dataSource instanceof HikariDataSource hikari) ? hikari : null;
	}

	@Override
	public Health health() {
		if (pool == null) {
			return Health.unknown().withDetail("reason", "not a Hikari pool").build();
		}
		try {
			if (!lock.tryLock(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				return Health.down().withDetail("reason", "a check is still running").build();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().build();
		}
		try {
			if (connection == null || connection.isClosed()) {
				connection = open();
			}
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(1);
				statement.execute("select 1");
			}
			return Health.up().build();
		}
		catch (SQLException ex) {
			close();
			return Health.down().withDetail("reason", "the database did not answer").build();
		}
		finally {
			lock.unlock();
		}
	}

	private Connection open() throws SQLException {
		Properties properties = new Properties();
		if (pool.getUsername() != null) {
			properties.setProperty("user", pool.getUsername());
		}
		if (pool.getPassword() != null) {
			properties.setProperty("password", pool.getPassword());
		}
		// PostgreSQL driver settings, in seconds
		properties.setProperty("connectTimeout", "1");
		properties.setProperty("socketTimeout", "2");
		properties.setProperty("loginTimeout", "1");
		properties.setProperty("ApplicationName", "ordergraph-readiness");
		return DriverManager.getConnection(pool.getJdbcUrl(), properties);
	}

	private void close() {
		try {
			if (connection != null) {
				connection.close();
			}
		}
		catch (SQLException ex) {
			// closing a broken connection
		}
		connection = null;
	}

	@Override
	public void destroy() {
		lock.lock();
		try {
			close();
		}
		finally {
			lock.unlock();
		}
	}

}
