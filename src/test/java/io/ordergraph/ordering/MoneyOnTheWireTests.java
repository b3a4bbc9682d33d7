package io.ordergraph.ordering;

import java.util.List;
import java.util.Map;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every amount is a JSON string at its currency's minor-unit scale, in products, carts, orders and invoices. */
class MoneyOnTheWireTests extends OrderingTest {

	@Test
	void amountsAreStringsAtTheCurrencysScaleEverywhere() throws Exception {
		String tea = product(unique("Tea"), "810", 10); // KES, 2 fraction digits
		String yen = product(unique("Sushi"), "1200", "JPY", 5, true);
		String dinar = product(unique("Dates"), "7.25", "BHD", 5, true);

		var prices = productManager().document("""
				query($a: ID!, $b: ID!, $c: ID!) {
				  a: product(id: $a) { price { amount currency } }
				  b: product(id: $b) { price { amount } }
				  c: product(id: $c) { price { amount } }
				}""").variable("a", tea).variable("b", yen).variable("c", dinar).execute();
		prices.path("a.price.amount").entity(Object.class).isEqualTo("810.00");
		prices.path("b.price.amount").entity(Object.class).isEqualTo("1200");
		prices.path("c.price.amount").entity(Object.class).isEqualTo("7.250");

		Shopper shopper = shopper();
		var cart = shopper.tester()
			.document("""
					mutation($input: AddToCartInput!) {
					  addToCart(input: $input) { cart { total { amount } lines { unitPrice { amount } amount { amount } } } }
					}""")
			.variable("input", Map.of("productId", tea, "quantity", 1))
			.execute();
		cart.path("addToCart.cart.total.amount").entity(Object.class).isEqualTo("810.00");
		cart.path("addToCart.cart.lines[0].amount.amount").entity(Object.class).isEqualTo("810.00");

		Map<String, Object> order = placeOk(shopper.tester(), List.of(line(tea, 1)));
		var read = shopper.tester().document("""
				query($id: ID!) { order(id: $id) {
				  subtotal { amount } tax { amount } total { amount } lines { unitPrice { amount } }
				  invoice { taxRate total { amount } lines { amount { amount } } }
				} }""").variable("id", id(order)).execute();
		read.path("order.subtotal.amount").entity(Object.class).isEqualTo("810.00");
		read.path("order.tax.amount").entity(Object.class).isEqualTo("129.60"); // 16 %
		read.path("order.total.amount").entity(Object.class).isEqualTo("939.60");
		read.path("order.lines[0].unitPrice.amount").entity(Object.class).isEqualTo("810.00");
		read.path("order.invoice.taxRate").entity(Object.class).isEqualTo("0.1600");
		read.path("order.invoice.total.amount").entity(Object.class).isEqualTo("939.60");

		byte[] pdf = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.build()
			.get()
			.uri("/orders/" + id(order) + "/invoice.pdf")
			.header("Authorization", "Bearer " + shopper.token())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1)).contains("810.00 KES")
			.contains("129.60 KES")
			.contains("939.60 KES");

		Map<String, Object> yenOrder = placeOk(shopper.tester(), List.of(line(yen, 2)));
		assertThat(((Map<?, ?>) yenOrder.get("subtotal")).get("amount")).isEqualTo("2400");
	}

	@Test
	void aJsonNumberForAnAmountIsRefusedNamingTheField() {
		var response = productManager()
			.document("mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }")
			.variable("input", Map.of("name", unique("Number"), "price", Map.of("amount", 12.5, "currency", "KES")))
			.execute();
		response.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
			assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
			assertThat(e.getMessage()).as(e.getMessage()).contains("price.amount").contains("string");
		}));

		var literal = productManager()
			.document("mutation { createProduct(input: {name: \"Literal\", price: {amount: 12.5, currency: \"KES\"}}) { product { id } } }")
			.execute();
		literal.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
			assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
			assertThat(e.getMessage()).contains("amount");
		}));

		var exponent = productManager()
			.document("mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }")
			.variable("input", Map.of("name", unique("Exp"), "price", Map.of("amount", "1e3", "currency", "KES")))
			.execute();
		exponent.errors().satisfy(errors -> assertThat(errors).singleElement()
			.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST)));
	}

}
