package io.ordergraph;

import java.util.concurrent.atomic.AtomicLong;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares, so a test can check that batching keeps them constant. */
public class SqlStatementCounter implements StatementInspector {

	private static final AtomicLong COUNT = new AtomicLong();

	@Override
	public String inspect(String sql) {
		COUNT.incrementAndGet();
		return sql;
	}

	public static long count() {
		return COUNT.get();
	}

}
