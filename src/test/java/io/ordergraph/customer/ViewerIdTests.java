package io.ordergraph.customer;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ordergraph.IntegrationTest;
import io.ordergraph.platform.security.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code me} has a stable id, and registering answers it, so a client cache updates {@code me} from the payload. */
class ViewerIdTests extends IntegrationTest {

	@Test
	void registerCustomerAnswersTheSameViewerAsMeWithItsNewCustomer() {
		String subject = newSubject("viewer");
		String meId = withToken(token(subject, Caller.ROLE_CUSTOMER)).document("{ me { id customer { id } } }")
			.execute()
			.path("me.customer")
			.valueIsNull()
			.path("me.id")
			.entity(String.class)
			.get();
		// another token of the same account: the same id; another account: another id
		String again = withToken(token(subject, Caller.ROLE_CUSTOMER)).document("{ me { id } }")
			.execute()
			.path("me.id")
			.entity(String.class)
			.get();
		assertThat(again).isEqualTo(meId);
		assertThat(customer().document("{ me { id } }").execute().path("me.id").entity(String.class).get())
			.isNotEqualTo(meId);

		var registered = withToken(token(subject, Caller.ROLE_CUSTOMER)).document("""
				mutation($input: RegisterCustomerInput!) {
				  registerCustomer(input: $input) { customer { id } me { id customer { id } } errors { code } }
				}""").variable("input", Map.of("name", "Viewer", "phone",
				String.format("+2547%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000)))).execute();
		registered.path("registerCustomer.errors").entityList(Object.class).hasSize(0);
		registered.path("registerCustomer.me.id").entity(String.class).isEqualTo(meId);
		String customerId = registered.path("registerCustomer.customer.id").entity(String.class).get();
		registered.path("registerCustomer.me.customer.id").entity(String.class).isEqualTo(customerId);
	}

}
