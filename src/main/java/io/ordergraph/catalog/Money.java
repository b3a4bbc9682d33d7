package io.ordergraph.catalog;

import java.math.BigDecimal;

/**
 * An amount in one currency, as the GraphQL type {@code Money}. The amount is in the currency's major unit and has
 * exactly the currency's number of fraction digits (12.50 KES, 3.000 BHD).
 */
public record Money(BigDecimal amount, String currency) {

}
