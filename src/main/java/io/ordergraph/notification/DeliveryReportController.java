package io.ordergraph.notification;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.ordergraph.notification.internal.DeliveryReports;

/**
 * Africa's Talking's delivery-report callback. It does not sign callbacks, so the URL carries a secret token
 * ({@code ORDERGRAPH_SMS_CALLBACK_TOKEN}); a wrong one is answered 404, as if there were nothing here. Known or not,
 * new or repeated, a report with the right token is acknowledged with 200 so the provider stops retrying.
 */
@RestController
class DeliveryReportController {

	static final String PATH = "/sms/delivery-reports/{token}";

	private final DeliveryReports reports;

	DeliveryReportController(DeliveryReports reports) {
		this.reports = reports;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> report(@PathVariable String token, @RequestParam(required = false) String id,
			@RequestParam(required = false) String status, @RequestParam(required = false) String networkCode,
			@RequestParam(required = false) String failureReason) {
		if (!reports.tokenMatches(token)) {
			return ResponseEntity.notFound().build();
		}
		reports.apply(id, status, networkCode, failureReason);
		return ResponseEntity.ok().build();
	}

}
