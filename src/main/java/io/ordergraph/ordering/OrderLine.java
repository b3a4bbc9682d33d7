package io.ordergraph.ordering;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.ordergraph.platform.db.NewWithAssignedId;
import io.ordergraph.platform.db.Row;
import io.ordergraph.platform.graphql.NodeSource;

/** A line of an order, with the product's name and unit price as they were when it was ordered. */
@Entity
@Table(name = "order_line")
public class OrderLine extends NewWithAssignedId implements NodeSource {

	/** The {@code order_line} table for the order page's statement: every column, as {@link #OrderLine(Row)} reads them. */
	static final Row.Table<OrderLine> ROWS = new Row.Table<>(
			List.of("id", "order_id", "position", "product_id", "product_name",
			"unit_price", "currency", "quantity"), OrderLine::new);

	@Id
	private UUID id;

	private UUID orderId;

	private int position;

	private UUID productId;

	private String productName;

	private BigDecimal unitPrice;

	private String currency;

	private int quantity;

	protected OrderLine() {
	}

	/** A row read by the order page's own statement ({@link #ROWS}): not managed by Hibernate. */
	OrderLine(Row row) throws SQLException {
		this.id = row.uuid("id");
		this.orderId = row.uuid("order_id");
		this.position = row.integer("position");
		this.productId = row.uuid("product_id");
		this.productName = row.string("product_name");
		this.unitPrice = row.decimal("unit_price");
		this.currency = row.string("currency");
		this.quantity = row.integer("quantity");
		loaded();
	}

	OrderLine(UUID orderId, int position, UUID productId, String productName, BigDecimal unitPrice, String currency,
			int quantity) {
		this.id = UUID.randomUUID();
		this.orderId = orderId;
		this.position = position;
		this.productId = productId;
		this.productName = productName;
		this.unitPrice = unitPrice;
		this.currency = currency;
		this.quantity = quantity;
	}

	void quantity(int quantity) {
		this.quantity = quantity;
	}

	@Override
	public UUID getId() {
		return id;
	}

	public UUID getOrderId() {
		return orderId;
	}

	public int getPosition() {
		return position;
	}

	public UUID getProductId() {
		return productId;
	}

	public String getProductName() {
		return productName;
	}

	public BigDecimal getUnitPrice() {
		return unitPrice;
	}

	public String getCurrency() {
		return currency;
	}

	public int getQuantity() {
		return quantity;
	}

	public BigDecimal amount() {
		return unitPrice.multiply(BigDecimal.valueOf(quantity));
	}

}
