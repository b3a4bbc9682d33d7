package io.ordergraph.demo;

import java.math.BigDecimal;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import io.ordergraph.catalog.CatalogService;
import io.ordergraph.customer.CustomerService;
import io.ordergraph.platform.db.EmbeddedDatabaseCondition;
import io.ordergraph.platform.graphql.Money;
import io.ordergraph.staff.EmployeeService;

/**
 * A small demo shop for the embedded mode: a manager, a staff member, a customer (subjects fixed, as in the README and
 * the Keycloak realm) and a catalog. Loaded only with the embedded database; idempotent across restarts.
 */
@Component
@Conditional(EmbeddedDatabaseCondition.class)
@ConditionalOnProperty(name = "ordergraph.demo-data.enabled", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

	static final String MANAGER = DemoUsers.MANAGER.subject();

	static final String STAFF = DemoUsers.STAFF.subject();

	static final String CUSTOMER = DemoUsers.CUSTOMER.subject();

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final EmployeeService employees;

	private final CustomerService customers;

	private final CatalogService catalog;

	DemoData(EmployeeService employees, CustomerService customers, CatalogService catalog) {
		this.employees = employees;
		this.customers = customers;
		this.catalog = catalog;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (DemoUsers.DemoUser employee : List.of(DemoUsers.MANAGER, DemoUsers.STAFF)) {
			employees.ensure(employee.subject(), employee.name(), employee.email(), employee.permissions());
		}
		customers.ensureDemoCustomer(CUSTOMER, DemoUsers.CUSTOMER.name(), "DEMO-001", "+254711000001",
				DemoUsers.CUSTOMER.email());
		product("Masala chai", "Spiced milk tea, 300 ml", "150.00", 40);
		product("Mandazi", "Sweet fried dough, two pieces", "80.00", 60);
		product("Chapati", "Soft layered flatbread", "50.00", 80);
		product("Beef samosa", "Crisp pastry with spiced beef", "120.00", 30);
		product("Pilau", "Spiced rice with beef, one plate", "450.00", 20);
		product("Passion juice", "Fresh passion fruit juice, 500 ml", "200.00", 25);
		log.info("Demo data ready: manager {}, staff {}, customer {} (see README for tokens)", MANAGER, STAFF, CUSTOMER);
	}

	private void product(String name, String description, String price, int stock) {
		catalog.ensureDemoProduct(name, description, new Money(new BigDecimal(price), "KES"), stock);
	}

}
