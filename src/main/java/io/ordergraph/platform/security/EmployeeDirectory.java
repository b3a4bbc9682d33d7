package io.ordergraph.platform.security;

import java.util.Optional;
import java.util.Set;

/** Looks up the permissions of an active employee; implemented by the staff module. */
public interface EmployeeDirectory {

	/** The permissions of the active employee with this subject, or empty when there is none. */
	Optional<Set<Permission>> activeEmployeePermissions(String subject);

}
