package io.ordergraph.platform.limits;

import java.util.Map;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Hibernate's last look at every SQL statement before it is prepared: a statement of a request whose budget is spent
 * (deadline passed, client gone, answer already given) is not sent, whoever asks for it (a batch loader dispatched
 * late, a data fetcher's repository call). It costs no round trip; work without a budget (background workers) passes.
 * An inspector configured otherwise ({@code hibernate.session_factory.statement_inspector}) still runs, after it.
 */
final class BudgetedStatements implements StatementInspector {

	private final StatementInspector next;

	private BudgetedStatements(StatementInspector next) {
		this.next = next;
	}

	/** Installs the budget check in front of whatever inspector the properties already name. */
	static void install(Map<String, Object> properties) {
		properties.put(AvailableSettings.STATEMENT_INSPECTOR,
				new BudgetedStatements(configured(properties.get(AvailableSettings.STATEMENT_INSPECTOR))));
	}

	private static StatementInspector configured(Object setting) {
		try {
			return switch (setting) {
				case null -> null;
				case StatementInspector inspector -> inspector;
				case Class<?> type -> (StatementInspector) type.getDeclaredConstructor().newInstance();
				case String name when !name.isBlank() -> (StatementInspector) Class
					.forName(name.strip(), true, BudgetedStatements.class.getClassLoader())
					.getDeclaredConstructor()
					.newInstance();
				default -> null;
			};
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create the statement inspector " + setting, ex);
		}
	}

	@Override
	public String inspect(String sql) {
		RequestBudget budget = RequestBudget.current();
		if (budget != null) {
			budget.require();
		}
		return (next != null) ? next.inspect(sql) : sql;
	}

}
