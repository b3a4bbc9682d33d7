package io.ordergraph.staff;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.ordergraph.platform.graphql.NodeSource;
import io.ordergraph.platform.security.Permission;

/** A staff member: authenticated by the identity provider, authorized by the permissions held here. */
@Entity
@Table(name = "employee")
public class Employee implements NodeSource {

	@Id
	private UUID id;

	private String subject;

	private String name;

	private String email;

	private boolean active;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "employee_permission", joinColumns = @JoinColumn(name = "employee_id"))
	@Column(name = "permission")
	@Enumerated(EnumType.STRING)
	private Set<Permission> permissions = EnumSet.noneOf(Permission.class);

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected Employee() {
	}

	Employee(String subject, String name, String email, Set<Permission> permissions) {
		this.id = UUID.randomUUID();
		this.subject = subject;
		this.name = name;
		this.email = email;
		this.active = true;
		this.permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
	}

	@Override
	public UUID getId() {
		return id;
	}

	public String getSubject() {
		return subject;
	}

	public String getName() {
		return name;
	}

	public String getEmail() {
		return email;
	}

	public boolean isActive() {
		return active;
	}

	public Set<Permission> getPermissions() {
		return Set.copyOf(permissions);
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	void rename(String name, String email) {
		this.name = name;
		this.email = email;
		touch();
	}

	void setActive(boolean active) {
		this.active = active;
		touch();
	}

	void grant(Set<Permission> granted) {
		permissions.addAll(granted);
		touch();
	}

	void revoke(Set<Permission> revoked) {
		permissions.removeAll(revoked);
		touch();
	}

	private void touch() {
		this.updatedAt = Instant.now();
	}

}
