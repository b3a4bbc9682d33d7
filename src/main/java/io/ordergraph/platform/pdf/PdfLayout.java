package io.ordergraph.platform.pdf;

import java.awt.Color;
import java.io.OutputStream;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import io.ordergraph.platform.graphql.Money;

/**
 * The shared look of the PDFs the service renders with OpenPDF (invoices, bills): fonts, an A4 page, and a line table
 * of item, quantity, unit price and amount with right-aligned totals.
 */
public final class PdfLayout {

	/** Document titles. */
	public static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);

	/** Headings and grand totals. */
	public static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);

	/** Body text. */
	public static final Font NORMAL = FontFactory.getFont(FontFactory.HELVETICA, 10);

	private PdfLayout() {
	}

	/** An A4 document with 48 pt margins writing to {@code out}; not yet opened. */
	public static Document a4(OutputStream out) {
		Document document = new Document(PageSize.A4, 48, 48, 48, 48);
		PdfWriter.getInstance(document, out);
		return document;
	}

	/** A full-width table with the columns Item, Qty, Unit price and Amount and its shaded header row. */
	public static PdfPTable lineTable() {
		PdfPTable table = new PdfPTable(new float[] { 6, 1.2f, 2, 2 });
		table.setWidthPercentage(100);
		for (String heading : new String[] { "Item", "Qty", "Unit price", "Amount" }) {
			PdfPCell cell = new PdfPCell(new Phrase(heading, BOLD));
			cell.setBackgroundColor(new Color(230, 230, 230));
			table.addCell(cell);
		}
		return table;
	}

	/** Adds a row to a {@link #lineTable()}: the label right-aligned over the first three columns, then the amount. */
	public static void total(PdfPTable table, String label, String amount, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(label, font));
		cell.setColspan(3);
		cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
		table.addCell(cell);
		table.addCell(right(amount, font));
	}

	/** A right-aligned cell. */
	/** An amount as the API writes it (the currency's minor-unit scale), then the currency code. */
	public static String money(Money money) {
		return money.formatted() + " " + money.currency();
	}

	public static PdfPCell right(String text, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
		return cell;
	}

}
