package io.ordergraph.ordering;

import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;

import io.ordergraph.platform.pdf.PdfLayout;

import static io.ordergraph.platform.pdf.PdfLayout.BOLD;
import static io.ordergraph.platform.pdf.PdfLayout.NORMAL;
import static io.ordergraph.platform.pdf.PdfLayout.TITLE;
import static io.ordergraph.platform.pdf.PdfLayout.money;
import static io.ordergraph.platform.pdf.PdfLayout.right;
import static io.ordergraph.platform.pdf.PdfLayout.total;

/** Renders an invoice as an A4 PDF with OpenPDF. */
final class InvoicePdf {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private InvoicePdf() {
	}

	static byte[] render(Invoice invoice) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = PdfLayout.a4(out);
		document.addTitle("Invoice " + invoice.number());
		document.open();
		document.add(new Paragraph("Invoice " + invoice.number(), TITLE));
		document.add(new Paragraph("Issued " + DATE.format(invoice.issueDate()) + " for order " + invoice.orderNumber()
				+ " (" + invoice.orderStatus() + ")", NORMAL));
		document.add(new Paragraph(" "));
		PdfPTable parties = new PdfPTable(2);
		parties.setWidthPercentage(100);
		parties.addCell(party("Seller", invoice.seller()));
		parties.addCell(party("Customer", invoice.customer()));
		document.add(parties);
		document.add(new Paragraph(" "));
		PdfPTable lines = PdfLayout.lineTable();
		for (Invoice.Line line : invoice.lines()) {
			lines.addCell(new Phrase(line.description(), NORMAL));
			lines.addCell(right(String.valueOf(line.quantity()), NORMAL));
			lines.addCell(right(money(line.unitPrice()), NORMAL));
			lines.addCell(right(money(line.amount()), NORMAL));
		}
		total(lines, "Subtotal", money(invoice.subtotal()), NORMAL);
		total(lines, "Tax " + invoice.taxRate().movePointRight(2).stripTrailingZeros().toPlainString() + " %",
				money(invoice.tax()), NORMAL);
		total(lines, "Total", money(invoice.total()), BOLD);
		document.add(lines);
		document.close();
		return out.toByteArray();
	}

	private static PdfPCell party(String role, Invoice.Party party) {
		Paragraph text = new Paragraph(role, BOLD);
		text.add(new Phrase("\n" + party.name(), NORMAL));
		for (String line : new String[] { party.address(), party.taxId() == null ? null : "Tax id " + party.taxId(),
				party.phone(), party.email() }) {
			if (line != null && !line.isBlank()) {
				text.add(new Phrase("\n" + line, NORMAL));
			}
		}
		PdfPCell cell = new PdfPCell(text);
		cell.setBorder(0);
		return cell;
	}


}
