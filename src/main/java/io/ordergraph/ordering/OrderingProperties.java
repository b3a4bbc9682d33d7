package io.ordergraph.ordering;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param taxRate tax rate applied to an order's subtotal at placement (0.16 is 16 %); kept on each order
 * @param seller the seller printed on invoices
 */
@ConfigurationProperties("ordergraph.ordering")
public record OrderingProperties(BigDecimal taxRate, Seller seller) {

	public OrderingProperties {
		taxRate = (taxRate == null) ? BigDecimal.ZERO : taxRate;
		if (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.ONE) > 0) {
			throw new IllegalArgumentException("ordergraph.ordering.tax-rate must be between 0 and 1, e.g. 0.16");
		}
		seller = (seller == null) ? new Seller(null, null, null, null, null) : seller;
	}

	/** Who sells: name, postal address, tax id, phone and email as printed on invoices. */
	public record Seller(String name, String address, String taxId, String phone, String email) {

		public Seller {
			name = (name == null || name.isBlank()) ? "Ordergraph shop" : name;
		}

	}

}
