package io.ordergraph.platform.db;

import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a read that is one statement, outside any transaction (the order page, the catalog page), takes its
 * connection: a pool of its own ({@code ordergraph.db.read-pool-size}, 16 by default), so that such a read never waits
 * for a connection behind writers while writers keep the main pool; with a size of 0, the main pool. Its connections
 * are read-only in the database (their transactions are {@code read only}), so a statement that would write fails
 * there instead of writing. On two cores a read pool of 16 cut the order page's p99 by a quarter to a half, and
 * placeOrder did as well with it as without (docs/benchmarks.md, twelfth and thirteenth passes).
 * <p>
 * Inside a transaction {@link #jdbc()} answers the main pool's template, which runs on the transaction's own connection
 * and sees what it has written.
 */
public final class ReadStatements {

	/** The read pool's name; also its connections' {@code application_name} in {@code pg_stat_activity}. */
	public static final String POOL_NAME = "ordergraph-reads";

	private final NamedParameterJdbcTemplate main;

	private final NamedParameterJdbcTemplate reads;

	/**
	 * @param main the application's template, on the main pool
	 * @param reads a template on the read pool ({@link #pool}), or {@code main} when there is none
	 */
	public ReadStatements(NamedParameterJdbcTemplate main, NamedParameterJdbcTemplate reads) {
		this.main = main;
		this.reads = reads;
	}

	/**
	 * The read pool: the main pool's settings (URL, credentials, timeouts, metrics) with its own name, size and
	 * read-only mode; started by its first connection.
	 * @param main the application's data source, a Hikari pool
	 * @param size at most this many connections ({@code ordergraph.db.read-pool-size}, 1 or more)
	 */
	public static HikariDataSource pool(DataSource main, int size) {
		if (size < 1) {
			throw new IllegalStateException(
					"ORDERGRAPH_DB_READ_POOL_SIZE (ordergraph.db.read-pool-size) must be 0 (no read pool) or more, not "
							+ size);
		}
		HikariConfig settings = hikari(main);
		HikariDataSource pool = new HikariDataSource();
		settings.copyStateTo(pool);
		pool.setPoolName(POOL_NAME);
		pool.setMaximumPoolSize(size);
		// opened as reads come and kept while they do (idleTimeout), not all held open by an idle instance
		pool.setMinimumIdle(Math.min(2, size));
		pool.setReadOnly(true);
		pool.setAutoCommit(true);
		Properties properties = new Properties();
		properties.putAll(settings.getDataSourceProperties());
		properties.setProperty("ApplicationName", POOL_NAME);
		pool.setDataSourceProperties(properties);
		String readOnly = "set session characteristics as transaction read only";
		String init = settings.getConnectionInitSql();
		pool.setConnectionInitSql((init == null || init.isBlank()) ? readOnly : init + "; " + readOnly);
		return pool;
	}

	private static HikariConfig hikari(DataSource main) {
		try {
			if (main.isWrapperFor(HikariDataSource.class)) {
				return main.unwrap(HikariDataSource.class);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The data source is not a Hikari pool", ex);
		}
		throw new IllegalStateException("Ordergraph's connection pool is HikariCP; spring.datasource.type names "
				+ main.getClass().getName());
	}

	/** The template for a read of one statement: the read pool's, or the transaction's where one is active. */
	public NamedParameterJdbcTemplate jdbc() {
		return TransactionSynchronizationManager.isActualTransactionActive() ? main : reads;
	}

}
