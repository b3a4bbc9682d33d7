package io.ordergraph.demo;

import java.math.BigDecimal;
import java.util.EnumSet;

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
import io.ordergraph.platform.security.Permission;
import io.ordergraph.staff.EmployeeService;

/**
 * A small demo shop for the embedded mode: a manager, a staff member, a customer (subjects fixed, as in the README and
 * the Keycloak realm) and a catalog. Loaded only with the embedded database; idempotent across restarts.
 */
@Component
@Conditional(EmbeddedDatabaseCondition.class)
@ConditionalOnProperty(name = "ordergraph.demo-data.enabled", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

	static final String MANAGER = "11111111-1111-4111-8111-111111111111";

	static final String STAFF = "22222222-2222-4222-8222-222222222222";

	static final String CUSTOMER = "33333333-3333-4333-8333-333333333333";

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
		employees.ensure(MANAGER, "Demo Manager", "manager@demo.ordergraph.io", EnumSet.allOf(Permission.class));
		employees.ensure(STAFF, "Demo Staff", "staff@demo.ordergraph.io",
				EnumSet.of(Permission.MANAGE_PRODUCTS, Permission.MANAGE_ORDERS, Permission.MANAGE_SESSIONS));
		customers.ensureDemoCustomer(CUSTOMER, "Demo Customer", "DEMO-001", "+254711000001", "customer@demo.ordergraph.io");
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
