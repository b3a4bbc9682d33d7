package io.ordergraph;

import java.util.concurrent.Callable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * For tests that provoke a failure on purpose (a refused start-up, an unexpected exception): what the code logs at
 * WARN or ERROR on the test's thread meanwhile is printed as one line saying it was expected, instead of an error
 * with a stack trace that reads as a broken build. The code still logs as it would in production.
 */
public final class ExpectedFailures {

	private static final String KEY = "ordergraph.expected-failure";

	private ExpectedFailures() {
	}

	/** Runs the action; failures it logs on this thread are shown as expected, with the reason. */
	public static <T> T expect(String reason, Callable<T> action) throws Exception {
		MDC.put(KEY, reason);
		try {
			return action.call();
		}
		finally {
			MDC.remove(KEY);
		}
	}

	/** The Logback filter (see logback-test.xml). */
	public static final class LogFilter extends TurboFilter {

		@Override
		public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
				Throwable t) {
			String reason = MDC.get(KEY);
			if (reason == null || level == null || !level.isGreaterOrEqual(Level.WARN) || format == null) {
				return FilterReply.NEUTRAL;
			}
			String message = MessageFormatter.arrayFormat(format, params).getMessage();
			String first = message.lines()
				.map(String::strip)
				.filter(line -> line.chars().anyMatch(Character::isLetter))
				.filter(line -> !line.equals("APPLICATION FAILED TO START") && !line.equals("Description:"))
				.findFirst()
				.orElse(message.strip());
			String name = logger.getName().substring(logger.getName().lastIndexOf('.') + 1);
			System.out.println("(expected: " + reason + ") " + name + " logged at " + level.levelStr.toLowerCase()
					+ ": " + first + ((t != null) ? " [" + t.getClass().getSimpleName() + "]" : ""));
			return FilterReply.DENY;
		}

	}

}
