package io.ordergraph.platform.db;

import java.util.UUID;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * For entities that assign their own UUID in their constructor. Spring Data decides between {@code persist} and
 * {@code merge} by the id (or a wrapper-typed version); with an id set from the start and a primitive version it
 * takes every new row for an existing one and merges it, which first selects the row by id: one wasted statement per
 * insert. Objects made with {@code new} are new here until they are persisted; rows Hibernate loads are not.
 */
@MappedSuperclass
public abstract class NewWithAssignedId implements Persistable<UUID> {

	@Transient
	private boolean unsaved = true;

	@Override
	public boolean isNew() {
		return this.unsaved;
	}

	/** For a row read by the application's own SQL rather than by Hibernate: it exists already. */
	protected final void loaded() {
		this.unsaved = false;
	}

	@PostLoad
	@PostPersist
	void saved() {
		this.unsaved = false;
	}

}
