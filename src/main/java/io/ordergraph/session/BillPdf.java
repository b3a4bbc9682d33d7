package io.ordergraph.session;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import io.ordergraph.platform.graphql.Money;

/** Renders a session's bill as an A4 PDF with OpenPDF, in the style of the order invoice. */
final class BillPdf {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);

	private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);

	private static final Font NORMAL = FontFactory.getFont(FontFactory.HELVETICA, 10);

	private static final Font STRUCK = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 10, Font.STRIKETHRU,
			Color.GRAY);

	private BillPdf() {
	}

	static byte[] render(Bill bill, String seller) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 48, 48, 48, 48);
		PdfWriter.getInstance(document, out);
		document.addTitle("Bill " + bill.session().getLabel());
		document.open();
		document.add(new Paragraph("Bill for " + bill.session().getLabel(), TITLE));
		document.add(new Paragraph(seller + " - " + (bill.closed() ? "final, closed " : "open, as of ")
				+ TIME.format(bill.at()) + " UTC", NORMAL));
		document.add(new Paragraph(" "));
		PdfPTable table = new PdfPTable(new float[] { 6, 1.2f, 2, 2 });
		table.setWidthPercentage(100);
		for (String heading : new String[] { "Item", "Qty", "Unit price", "Amount" }) {
			PdfPCell cell = new PdfPCell(new Phrase(heading, BOLD));
			cell.setBackgroundColor(new Color(230, 230, 230));
			table.addCell(cell);
		}
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

	private static void total(PdfPTable table, String label, String amount, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(label, font));
		cell.setColspan(3);
		cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
		table.addCell(cell);
		table.addCell(right(amount, font));
	}

	private static PdfPCell right(String text, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
		return cell;
	}

	private static String money(Money money) {
		return money.amount().toPlainString() + " " + money.currency();
	}

}
