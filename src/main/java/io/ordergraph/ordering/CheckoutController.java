package io.ordergraph.ordering;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import io.ordergraph.platform.security.Caller;

/**
 * {@code checkout}, declared in the cart's schema (it is what a shopper does with a cart) but answered here: ordering
 * may depend on the cart, never the other way round.
 */
@Controller
class CheckoutController {

	private final Checkout checkout;

	CheckoutController(Checkout checkout) {
		this.checkout = checkout;
	}

	record CheckoutInput(String idempotencyKey, String note) {
	}

	@MutationMapping
	CheckoutPayload checkout(@Argument CheckoutInput input, @ContextValue Caller caller) {
		return checkout.checkout(input.idempotencyKey(), input.note(), caller);
	}

}
