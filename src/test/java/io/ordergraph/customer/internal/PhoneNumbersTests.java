package io.ordergraph.customer.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PhoneNumbersTests {

	@Test
	void nationalNumbersAreReadInTheConfiguredRegion() {
		assertThat(new PhoneNumbers("us").normalize("(650) 253-0000")).contains("+16502530000");
		assertThat(new PhoneNumbers("KE").normalize("0711 000 001")).contains("+254711000001");
		assertThat(new PhoneNumbers("KE").normalize("+1 650 253 0000")).contains("+16502530000");
	}

	@Test
	void invalidNumbersAreEmpty() {
		PhoneNumbers phones = new PhoneNumbers("KE");
		assertThat(phones.normalize(null)).isEmpty();
		assertThat(phones.normalize(" ")).isEmpty();
		assertThat(phones.normalize("abc")).isEmpty();
		assertThat(phones.normalize("+254 12")).isEmpty();
		assertThat(phones.normalize("+254711000001".repeat(4))).isEmpty();
	}

	@Test
	void anUnknownDefaultRegionFailsAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("XX"))
			.withMessageContaining("default-region");
	}

	@Test
	void generatedCodesLookLikeTheExample() {
		assertThat(CustomerCodes.generate()).matches("C-[0-9A-HJKMNP-TV-Z]{6}").matches(CustomerCodes.VALID);
	}

}
