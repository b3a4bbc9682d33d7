package io.ordergraph.platform;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.graphql.execution.SchemaReport;

/** The schema inspection report of the running application, kept so a test can fail on any unmapped field. */
public final class ApplicationSchemaReport {

	private final AtomicReference<SchemaReport> report = new AtomicReference<>();

	public void set(SchemaReport report) {
		this.report.set(report);
	}

	public SchemaReport get() {
		return report.get();
	}

}
