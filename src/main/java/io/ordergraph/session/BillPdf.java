package io.ordergraph.session;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
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

/** Renders a session's bill as an A4 PDF with OpenPDF, in the style of the order invoice. */
final class BillPdf {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	private static final Font STRUCK = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 10, Font.STRIKETHRU,
			Color.GRAY);

	private BillPdf() {
	}

	static byte[] render(Bill bill, String seller) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = PdfLayout.a4(out);
		document.addTitle("Bill " + bill.session().getLabel());
		document.open();
		document.add(new Paragraph("Bill for " + bill.session().getLabel(), TITLE));
		document.add(new Paragraph(seller + " - " + (bill.closed() ? "final, closed " : "open, as of ")
				+ TIME.format(bill.at()) + " UTC", NORMAL));
		document.add(new Paragraph(" "));
		PdfPTable table = PdfLayout.lineTable();
		for (Bill.Entry entry : bill.orders()) {
			Font font = entry.counted() ? NORMAL : STRUCK;
			PdfPCell heading = new PdfPCell(new Phrase("Order " + entry.number() + " (" + entry.status()
					+ (entry.counted() ? "" : ", not counted") + ")", BOLD));
			heading.setColspan(4);
			table.addCell(heading);
			for (Bill.Line line : entry.lines()) {
				table.addCell(new Phrase(line.productName(), font));
				table.addCell(right(String.valueOf(line.quantity()), font));
				table.addCell(right(money(line.unitPrice()), font));
				table.addCell(right(money(line.amount()), font));
			}
			total(table, "Order total (tax included)", money(entry.total()), font);
		}
		for (Bill.Total total : bill.totals()) {
			total(table, "Subtotal " + total.currency(), money(total.subtotal()), NORMAL);
			total(table, "Tax " + total.currency(), money(total.tax()), NORMAL);
			total(table, "Total " + total.currency(), money(total.total()), BOLD);
		}
		document.add(table);
		document.close();
		return out.toByteArray();
	}


}
