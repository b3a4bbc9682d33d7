package io.ordergraph.catalog;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.ordergraph.platform.graphql.Money;
import io.ordergraph.platform.graphql.InputErrors;

import static org.assertj.core.api.Assertions.assertThat;

/** Price normalization, without the application: the scale a price is stored and answered with. */
class ProductInputsTests {

	private static Money price(String amount, String currency) {
		InputErrors errors = new InputErrors();
		Money money = ProductInputs.price(errors, new ProductInputs.MoneyInput(new BigDecimal(amount), currency),
				"input", "price");
		assertThat(errors.any()).as(errors.list().toString()).isEqualTo(money == null);
		return money;
	}

	@Test
	void pricesTakeTheirCurrencysFractionDigits() {
		assertThat(price("12.5", "kes")).isEqualTo(new Money(new BigDecimal("12.50"), "KES"));
		assertThat(price("3", "JPY")).isEqualTo(new Money(new BigDecimal("3"), "JPY"));
		assertThat(price("1.5", " BHD ")).isEqualTo(new Money(new BigDecimal("1.500"), "BHD"));
		assertThat(price("1E+2", "EUR")).isEqualTo(new Money(new BigDecimal("100.00"), "EUR"));
		assertThat(price("4.10000", "USD")).isEqualTo(new Money(new BigDecimal("4.10"), "USD"));
		assertThat(price("0", "USD")).isEqualTo(new Money(new BigDecimal("0.00"), "USD"));
	}

	@Test
	void invalidPricesAreRefused() {
		assertThat(price("1.5", "JPY")).isNull();
		assertThat(price("1.001", "EUR")).isNull();
		assertThat(price("-1", "EUR")).isNull();
		assertThat(price("1", "EU")).isNull();
		assertThat(price("1", "EURO")).isNull();
		assertThat(price("1", "XAU")).isNull();
		assertThat(price("1", "")).isNull();
		assertThat(price("1000000000000000", "EUR")).isNull();
		assertThat(price("999999999999999.99", "EUR")).isNotNull();
	}

	@Test
	void likeSearchesTakeWildcardsLiterally() {
		assertThat(ProductService.containing(" 50%_Off\\ ")).isEqualTo("%50\\%\\_off\\\\%");
	}

}
