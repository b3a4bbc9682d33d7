package io.ordergraph.customer;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.ordergraph.platform.db.Row;
import io.ordergraph.platform.graphql.NodeSource;

/**
 * A shopper: either signed up themself (with an OIDC subject) or created by staff for an offline shopper (no
 * subject). Never removed once created, because orders refer to it: deleting an account anonymizes it instead.
 */
@Entity
@Table(name = "customer")
public class Customer implements NodeSource {

	/** The GraphQL type name, as encoded in global ids ({@code GlobalId.decode(id, Customer.NODE_TYPE)}). */
	public static final String NODE_TYPE = "Customer";

	static final String DELETED_NAME = "Deleted customer";

	/**
	 * The {@code customer} table for another module's joined statement (e.g. an order page that reads its customers in
	 * the same statement): every column, as {@link #Customer(Row)} reads them.
	 */
	public static final Row.Table<Customer> ROWS = new Row.Table<>(
			List.of("id", "code", "name", "phone", "email", "subject",
			"created_by", "idempotency_key", "request_hash", "created_at", "updated_at", "deleted_at", "version"), Customer::new);

	@Id
	private UUID id;

	private String code;

	private String name;

	private String phone;

	private String email;

	private String subject;

	/** Subject of the employee who created an offline customer; scopes the idempotency key. */
	private String createdBy;

	private String idempotencyKey;

	/** Hash of the normalized creating input, to tell a retry from a reuse of its idempotency key. */
	private String requestHash;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant deletedAt;

	@Version
	private long version;

	protected Customer() {
	}

	/** A row read by another module's joined statement ({@link #ROWS}): a read-only copy, not managed. */
	Customer(Row row) throws SQLException {
		this.id = row.uuid("id");
		this.code = row.string("code");
		this.name = row.string("name");
		this.phone = row.string("phone");
		this.email = row.string("email");
		this.subject = row.string("subject");
		this.createdBy = row.string("created_by");
		this.idempotencyKey = row.string("idempotency_key");
		this.requestHash = row.string("request_hash");
		this.createdAt = row.instant("created_at");
		this.updatedAt = row.instant("updated_at");
		this.deletedAt = row.instant("deleted_at");
		this.version = row.bigint("version");
	}

	Customer(String code, String name, String phone, String email, String subject) {
		this.id = UUID.randomUUID();
		this.code = code;
		this.name = name;
		this.phone = phone;
		this.email = email;
		this.subject = subject;
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
	}

	@Override
	public UUID getId() {
		return id;
	}

	public String getCode() {
		return code;
	}

	public String getName() {
		return name;
	}

	/** E.164, e.g. +254711000001; null once deleted. */
	public String getPhone() {
		return phone;
	}

	public String getEmail() {
		return email;
	}

	/** The identity provider's subject; null for offline shoppers and deleted accounts. */
	public String getSubject() {
		return subject;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public Instant getDeletedAt() {
		return deletedAt;
	}

	public boolean isDeleted() {
		return deletedAt != null;
	}

	String getCreatedBy() {
		return createdBy;
	}

	String getIdempotencyKey() {
		return idempotencyKey;
	}

	String getRequestHash() {
		return requestHash;
	}

	void createdBy(String employeeSubject, String idempotencyKey, String requestHash) {
		this.createdBy = employeeSubject;
		this.idempotencyKey = idempotencyKey;
		this.requestHash = requestHash;
	}

	void change(String name, String phone, String email) {
		this.name = name;
		this.phone = phone;
		this.email = email;
		touch();
	}

	/** Keeps the row (and the code) for order history, drops everything that identifies the person. */
	void anonymize() {
		this.name = DELETED_NAME;
		this.phone = null;
		this.email = null;
		this.subject = null;
		this.deletedAt = Instant.now();
		touch();
	}

	private void touch() {
		this.updatedAt = Instant.now();
	}

}
