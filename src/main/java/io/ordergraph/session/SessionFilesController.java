package io.ordergraph.session;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.ordergraph.platform.graphql.ApiException;
import io.ordergraph.platform.graphql.GlobalId;
import io.ordergraph.platform.security.Caller;
import io.ordergraph.platform.security.CallerResolver;
import io.ordergraph.platform.security.Permission;

/**
 * {@code GET /sessions/{id}/qr.png}, {@code qr.svg} (staff with MANAGE_SESSIONS, like the {@code qrCode} field) and
 * {@code bill.pdf} (staff who may see the session). The bearer token is checked by the resource server; the id is the
 * session's global id.
 */
@RestController
class SessionFilesController {

	private final CallerResolver callers;

	private final OrderSessions sessions;

	private final Bills bills;

	private final String seller;

	SessionFilesController(CallerResolver callers, OrderSessions sessions, Bills bills,
			@Value("${ordergraph.ordering.seller.name:Ordergraph}") String seller) {
		this.callers = callers;
		this.sessions = sessions;
		this.bills = bills;
		this.seller = seller;
	}

	@GetMapping("/sessions/{id}/qr.png")
	ResponseEntity<byte[]> png(@PathVariable String id, @RequestParam(required = false) Integer size,
			@AuthenticationPrincipal Jwt jwt) {
		return qr(id, size, jwt, MediaType.IMAGE_PNG, "png");
	}

	@GetMapping("/sessions/{id}/qr.svg")
	ResponseEntity<byte[]> svg(@PathVariable String id, @RequestParam(required = false) Integer size,
			@AuthenticationPrincipal Jwt jwt) {
		return qr(id, size, jwt, MediaType.valueOf("image/svg+xml"), "svg");
	}

	private ResponseEntity<byte[]> qr(String id, Integer size, Jwt jwt, MediaType type, String extension) {
		byte[] body;
		try {
			Caller caller = callers.resolve(jwt);
			OrderSession session = session(id, caller);
			caller.requirePermission(Permission.MANAGE_SESSIONS);
			if (session.isClosed()) {
				return ResponseEntity.status(410).build();
			}
			int pixels = QrCodes.size(size);
			body = "png".equals(extension) ? QrCodes.png(sessions.joinUrl(session), pixels)
					: QrCodes.svg(sessions.joinUrl(session), session.getLabel(), pixels).getBytes(StandardCharsets.UTF_8);
		}
		catch (ApiException ex) {
			return failure(ex);
		}
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("session-qr." + extension).build().toString())
			.body(body);
	}

	@GetMapping("/sessions/{id}/bill.pdf")
	ResponseEntity<byte[]> bill(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
		Bill bill;
		try {
			Caller caller = callers.resolve(jwt);
			OrderSession session = session(id, caller);
			bill = bills.of(session);
		}
		catch (ApiException ex) {
			return failure(ex);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("bill.pdf").build().toString())
			.body(BillPdf.render(bill, seller));
	}

	private OrderSession session(String id, Caller caller) {
		UUID sessionId = GlobalId.decode(id, OrderSessionController.TYPE);
		Optional<OrderSession> session = sessions.find(sessionId, caller);
		return session.orElseThrow(() -> new io.ordergraph.platform.graphql.NotFoundException("Order session not found"));
	}

	private static ResponseEntity<byte[]> failure(ApiException ex) {
		return ResponseEntity.status(switch (ex.errorType()) {
			case BAD_REQUEST -> 400;
			case FORBIDDEN -> 403;
			case UNAUTHORIZED -> 401;
			default -> 404;
		}).build();
	}

}
