package io.ordergraph.ordering;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.ordergraph.platform.graphql.ApiException;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.CallerResolver;

/**
 * {@code GET /orders/{id}/invoice.pdf}: the invoice of an order as a PDF, for the same callers as {@code order(id)}.
 * The bearer token is checked by the resource server; the id is the order's global id.
 */
@RestController
class InvoicePdfController {

	private final CallerResolver callers;

	private final OrderQueries queries;

	private final Invoices invoices;

	InvoicePdfController(CallerResolver callers, OrderQueries queries, Invoices invoices) {
		this.callers = callers;
		this.queries = queries;
		this.invoices = invoices;
	}

	@GetMapping("/orders/{id}/invoice.pdf")
	ResponseEntity<byte[]> invoice(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
		Order order;
		try {
			Caller caller = callers.resolve(jwt);
			order = queries.get(GlobalId.decode(id, OrderController.TYPE), caller);
		}
		catch (ApiException ex) {
			return ResponseEntity.status(switch (ex.errorType()) {
				case BAD_REQUEST -> 400;
				case FORBIDDEN -> 403;
				case UNAUTHORIZED -> 401;
				default -> 404;
			}).build();
		}
		Invoice invoice = invoices.of(order);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(invoice.number() + ".pdf").build().toString())
			.body(InvoicePdf.render(invoice));
	}

}
