package io.ordergraph;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the SQL statements and transactions each GraphQL request causes, over real HTTP: a client sends
 * {@link #HEADER} with a tag; the server-side thread handling it, and (through Micrometer context propagation, as
 * Spring for GraphQL propagates thread locals to data fetchers and batch loaders) every thread working for it, carry
 * the tag; a wrapper around the pool's connections books each statement, COMMIT and ROLLBACK under it. A statement
 * run in auto-commit mode counts as a transaction of its own. Background work (outbox workers, the event listener)
 * carries no tag and is not counted. Test-only: imported by {@link IntegrationTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlWork {

	public static final String HEADER = "X-Test-Sql-Tag";

	private static final ThreadLocal<String> TAG = new ThreadLocal<>();

	private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new ThreadLocalAccessor<String>() {
			@Override
			public Object key() {
				return SqlWork.class.getName();
			}

			@Override
			public String getValue() {
				return TAG.get();
			}

			@Override
			public void setValue(String value) {
				TAG.set(value);
			}

			@Override
			public void setValue() {
				TAG.remove();
			}
		});
	}

	/** What one tagged request did: statements (their SQL) and transactions. */
	public static final class Tally {

		private final List<String> statements = new CopyOnWriteArrayList<>();

		private final List<String> pools = new CopyOnWriteArrayList<>();

		private final AtomicInteger transactions = new AtomicInteger();

		public List<String> statements() {
			return List.copyOf(statements);
		}

		/** The name of the pool each statement's connection came from, in the order of {@link #statements()}. */
		public List<String> pools() {
			return List.copyOf(pools);
		}

		public int transactions() {
			return transactions.get();
		}

		public long count(String fragment) {
			return statements.stream().filter(s -> s.toLowerCase().contains(fragment)).count();
		}

		@Override
		public String toString() {
			return statements.size() + " statements in " + transactions + " transactions: " + statements;
		}

	}

	/** A new tag, to send as {@link #HEADER}; its tally fills as the server works for it. */
	public static String newTag() {
		String tag = UUID.randomUUID().toString();
		TALLIES.put(tag, new Tally());
		return tag;
	}

	public static Tally tally(String tag) {
		return TALLIES.get(tag);
	}

	/** Runs {@code work} on this thread as if for the tagged request (e.g. a test's own server-side call). */
	public static void within(String tag, Runnable work) {
		String previous = TAG.get();
		TAG.set(tag);
		try {
			work.run();
		}
		finally {
			TAG.set(previous);
		}
	}

	private static Tally current() {
		String tag = TAG.get();
		return (tag == null) ? null : TALLIES.get(tag);
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> sqlWorkTagFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						String tag = request.getHeader(HEADER);
						if (tag == null) {
							chain.doFilter(request, response);
							return;
						}
						within(tag, () -> {
							try {
								chain.doFilter(request, response);
							}
							catch (IOException | ServletException ex) {
								throw new IllegalStateException(ex);
							}
						});
					}
				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	static BeanPostProcessor countingDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof HikariDataSource pool && !(bean instanceof Counting)) ? new Counting(pool)
						: bean;
			}
		};
	}

	/** The pool, as itself (readiness reads its settings), with every connection it lends wrapped. */
	static final class Counting extends HikariDataSource {

		private final HikariDataSource pool;

		Counting(HikariDataSource pool) {
			this.pool = pool;
			pool.copyStateTo(this);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return wrap(pool.getConnection(), pool.getPoolName());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return wrap(pool.getConnection(username, password), pool.getPoolName());
		}

		@Override
		public HikariPoolMXBean getHikariPoolMXBean() {
			return pool.getHikariPoolMXBean();
		}

		@Override
		public boolean isRunning() {
			return pool.isRunning();
		}

		@Override
		public boolean isClosed() {
			return pool.isClosed();
		}

		@Override
		public void close() {
			pool.close();
		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return pool.getLogWriter();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			return pool.unwrap(iface);
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) throws SQLException {
			return pool.isWrapperFor(iface);
		}

	}

	private static Connection wrap(Connection connection, String poolName) throws SQLException {
		boolean[] autoCommit = { connection.getAutoCommit() };
		InvocationHandler handler = (proxy, method, args) -> {
			String name = method.getName();
			Object result = invoke(connection, method, args);
			Tally tally = current();
			switch (name) {
				case "setAutoCommit" -> autoCommit[0] = (Boolean) args[0];
				case "commit", "rollback" -> {
					if (tally != null && !autoCommit[0] && (args == null || args.length == 0)) {
						tally.transactions.incrementAndGet();
					}
				}
				case "createStatement", "prepareStatement", "prepareCall" -> {
					String sql = (args != null && args.length > 0 && args[0] instanceof String s) ? s : null;
					return statement((Statement) result, method.getReturnType(), sql, autoCommit, poolName);
				}
				default -> {
				}
			}
			return result;
		};
		return (Connection) Proxy.newProxyInstance(SqlWork.class.getClassLoader(), new Class<?>[] { Connection.class },
				handler);
	}

	private static Object statement(Statement statement, Class<?> type, String preparedSql, boolean[] autoCommit,
			String poolName) {
		Class<?> iface = CallableStatement.class.isAssignableFrom(type) ? CallableStatement.class
				: PreparedStatement.class.isAssignableFrom(type) ? PreparedStatement.class : Statement.class;
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().startsWith("execute")) {
				Tally tally = current();
				if (tally != null) {
					String sql = (args != null && args.length > 0 && args[0] instanceof String s) ? s : preparedSql;
					tally.statements.add(String.valueOf(sql));
					tally.pools.add(poolName);
					if (autoCommit[0]) {
						tally.transactions.incrementAndGet();
					}
				}
			}
			return invoke(statement, method, args);
		};
		return Proxy.newProxyInstance(SqlWork.class.getClassLoader(), new Class<?>[] { iface }, handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
