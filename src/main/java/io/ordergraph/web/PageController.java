package io.ordergraph.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Routes the pages' addresses to their static HTML (the scripts read what they need from the URL). */
@Controller
class PageController {

	@GetMapping({ "/panel", "/panel/" })
	String panel() {
		return "forward:/panel/index.html";
	}

	/** What a table's QR code opens: the guest page, which joins with the code in the address. */
	@GetMapping("/join/{code}")
	String join(@PathVariable String code) {
		return "forward:/guest/index.html";
	}

}
