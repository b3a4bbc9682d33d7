package io.ordergraph.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.ordergraph.customer.internal.CustomerRepository;
import io.ordergraph.customer.internal.PhoneNumbers;
import io.ordergraph.platform.graphql.Connection;
import io.ordergraph.platform.graphql.NotFoundException;
import io.ordergraph.platform.graphql.Paging;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.Permission;

/**
 * Customers as other modules and the GraphQL API read them. The lookups without a {@link Caller} are for trusted
 * code (ordering, batch loaders) and check nothing; the ones with a Caller apply the visibility rule: a customer sees
 * only their own record, staff with MANAGE_ORDERS see all.
 */
@Service
public class CustomerService {

	private final CustomerRepository customers;

	private final CustomerFields fields;

	private final PhoneNumbers phones;

	CustomerService(CustomerRepository customers, CustomerFields fields, PhoneNumbers phones) {
		this.customers = customers;
		this.fields = fields;
		this.phones = phones;
	}

	/** The (not deleted) customer registered for an identity-provider subject. */
	@Transactional(readOnly = true)
	public Optional<Customer> findBySubject(String subject) {
		return (subject == null) ? Optional.empty() : customers.findBySubject(subject);
	}

	/** Any customer by id, deleted (anonymized) ones included, since orders keep referring to them. */
	@Transactional(readOnly = true)
	public Optional<Customer> findById(UUID id) {
		return customers.findById(id);
	}

	/** The customers with these ids, for {@code @BatchMapping}; unknown ids are absent from the map. */
	@Transactional(readOnly = true)
	public Map<UUID, Customer> findAllById(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return customers.findAllById(Set.copyOf(ids))
			.stream()
			.collect(Collectors.toMap(Customer::getId, Function.identity()));
	}

	/** A customer the caller may see: their own record, or any with MANAGE_ORDERS. */
	@Transactional(readOnly = true)
	public Optional<Customer> find(UUID id, Caller caller) {
		if (!caller.authenticated()) {
			return Optional.empty();
		}
		return customers.findById(id).filter(c -> visible(c, caller));
	}

	/** Like {@link #find}, but NOT_FOUND both when missing and when not the caller's, so existence does not leak. */
	public Customer get(UUID id, Caller caller) {
		caller.requireSubject();
		return find(id, caller).orElseThrow(() -> new NotFoundException("Customer not found"));
	}

	/** The caller's own customer profile, if they registered one. */
	public Optional<Customer> myProfile(Caller caller) {
		return findBySubject(caller.requireSubject());
	}

	private static boolean visible(Customer customer, Caller caller) {
		return caller.hasPermission(Permission.MANAGE_ORDERS) || caller.subject().equals(customer.getSubject());
	}

	public record CustomerFilter(String search, Boolean includeDeleted) {
	}

	/** Customers by name, for staff with MANAGE_ORDERS (e.g. to find an offline shopper at the till). */
	@Transactional(readOnly = true)
	public Connection<Customer> list(CustomerFilter filter, Paging paging, Caller caller) {
		caller.requirePermission(Permission.MANAGE_ORDERS);
		String search = (filter == null || filter.search() == null) ? "" : filter.search().strip();
		boolean includeDeleted = filter != null && Boolean.TRUE.equals(filter.includeDeleted());
		return paging.query(customers, matching(search, includeDeleted), Sort.by("name", "id"));
	}

	/**
	 * Ids of customers (deleted ones too) whose name, code, email or phone matches the text, at most {@code limit};
	 * lets other modules search their records by customer.
	 */
	@Transactional(readOnly = true)
	public List<UUID> idsMatching(String text, int limit) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return customers.findAll(matching(text.strip(), true), org.springframework.data.domain.PageRequest.of(0, limit))
			.map(Customer::getId)
			.getContent();
	}

	private Specification<Customer> matching(String search, boolean includeDeleted) {
		Optional<String> searchedPhone = search.isEmpty() ? Optional.empty() : phones.normalize(search);
		return (root, query, cb) -> {
			List<Predicate> where = new ArrayList<>();
			if (!includeDeleted) {
				where.add(cb.isNull(root.get("deletedAt")));
			}
			if (!search.isEmpty()) {
				String like = "%" + escapeLike(search.toLowerCase(Locale.ROOT)) + "%";
				// Phones are stored as +254711000001: match "711 000" as typed without its spaces, and a full
				// number in any notation ("0711 000 001") by its normalized form.
				String digits = search.replaceAll("[\\s().-]", "");
				List<Predicate> any = new ArrayList<>(List.of(cb.like(cb.lower(root.get("name")), like, '\\'),
						cb.like(cb.lower(root.get("code")), like, '\\'), cb.like(cb.lower(root.get("email")), like, '\\')));
				if (digits.matches("\\+?[0-9]+")) {
					any.add(cb.like(root.get("phone"), "%" + digits + "%"));
				}
				searchedPhone.ifPresent(phone -> any.add(cb.equal(root.get("phone"), phone)));
				where.add(cb.or(any.toArray(Predicate[]::new)));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Creates a demo customer unless one with this subject (or, without a subject, this code) exists. No
	 * authorization: for demo data and bootstrapping only. A null code gets a generated one.
	 */
	@Transactional
	public Customer ensureDemoCustomer(String subject, String name, String code, String phone, String email) {
		Optional<Customer> existing = (subject != null) ? customers.findBySubject(subject)
				: Optional.ofNullable(code).flatMap(customers::findByCodeIgnoreCase);
		return existing.orElseGet(() -> customers.save(new Customer((code != null) ? code : fields.newCode(), name,
				fields.trustedPhone(phone), email, subject)));
	}

}
