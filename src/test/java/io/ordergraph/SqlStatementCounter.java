package io.ordergraph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares, so a test can check that batching keeps them constant. */
public class SqlStatementCounter implements StatementInspector {

	private static final AtomicLong COUNT = new AtomicLong();

	/** By statement text: an application prepares a few hundred distinct statements. */
	private static final Map<String, AtomicLong> BY_TEXT = new ConcurrentHashMap<>();

	@Override
	public String inspect(String sql) {
		COUNT.incrementAndGet();
		BY_TEXT.computeIfAbsent(sql, text -> new AtomicLong()).incrementAndGet();
		return sql;
	}

	/** How many times statements whose text matches were prepared so far. */
	public static long count(Predicate<String> statement) {
		return BY_TEXT.entrySet().stream().filter(e -> statement.test(e.getKey())).mapToLong(e -> e.getValue().get())
			.sum();
	}

	public static long count() {
		return COUNT.get();
	}

}
