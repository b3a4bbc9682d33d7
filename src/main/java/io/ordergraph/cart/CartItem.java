package io.ordergraph.cart;

import java.util.UUID;

/** A product and how many of it a cart holds, as other modules (checkout) read it. */
public record CartItem(UUID productId, int quantity) {

}
