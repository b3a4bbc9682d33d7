package io.ordergraph.session;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import io.ordergraph.platform.graphql.BadRequestException;

/**
 * Renders join URLs as print-ready QR codes: error correction M, a four-module quiet zone, bounded size, and every code
 * read back before it is served.
 */
final class QrCodes {

	static final int MIN_SIZE = 128;

	static final int MAX_SIZE = 1024;

	static final int DEFAULT_SIZE = 256;

	/** Space under the code for the label, in the SVG. */
	private static final int LABEL_HEIGHT = 40;

	private QrCodes() {
	}

	static int size(Integer requested) {
		int size = (requested == null) ? DEFAULT_SIZE : requested;
		if (size < MIN_SIZE || size > MAX_SIZE) {
			throw new BadRequestException("size must be between " + MIN_SIZE + " and " + MAX_SIZE);
		}
		return size;
	}

	/**
	 * The code, checked by reading it back. With the mask the QR standard's penalty rules choose, about one join URL
	 * in a hundred gives a code whose data modules zxing's detector takes for finder patterns: it cannot find the code
	 * in a perfect image. Any other mask fixes that, so the first of the eight masks that reads back is used instead.
	 */
	private static BitMatrix matrix(String text, int size) {
		BitMatrix standard = encode(text, size, null);
		if (readsAs(standard, text)) {
			return standard;
		}
		for (int mask = 0; mask < 8; mask++) {
			BitMatrix masked = encode(text, size, mask);
			if (readsAs(masked, text)) {
				return masked;
			}
		}
		return standard;
	}

	/** The code with this mask (0-7), or with the one the standard's penalty rules pick (null). */
	static BitMatrix encode(String text, int size, Integer mask) {
		Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
		hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
		hints.put(EncodeHintType.MARGIN, 4);
		hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
		if (mask != null) {
			hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
		}
		try {
			return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
		}
		catch (WriterException ex) {
			throw new IllegalStateException("Cannot encode the join URL as a QR code", ex);
		}
	}

	/** Whether zxing's reader, with no hints (as a camera app uses it), finds this code and reads the text. */
	private static boolean readsAs(BitMatrix matrix, String text) {
		LuminanceSource image = new BufferedImageLuminanceSource(MatrixToImageWriter.toBufferedImage(matrix));
		try {
			return text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(image))).getText());
		}
		catch (NotFoundException | ChecksumException | FormatException ex) {
			return false;
		}
	}

	static byte[] png(String text, int size) {
		BufferedImage image = MatrixToImageWriter.toBufferedImage(matrix(text, size));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static String pngDataUrl(String text, int size) {
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text, size));
	}

	/** An SVG of the code (one path of dark modules) with the label centred underneath. */
	static String svg(String text, String label, int size) {
		BitMatrix matrix = matrix(text, size);
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < matrix.getHeight(); y++) {
			int x = 0;
			while (x < matrix.getWidth()) {
				if (!matrix.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < matrix.getWidth() && matrix.get(x, y)) {
					x++;
				}
				path.append('M').append(start).append(' ').append(y).append('h').append(x - start).append("v1h-")
					.append(x - start).append('z');
			}
		}
		int width = matrix.getWidth();
		int height = matrix.getHeight() + LABEL_HEIGHT;
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
				+ "\" viewBox=\"0 0 " + width + " " + height + "\" shape-rendering=\"crispEdges\">"
				+ "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>" + "<path fill=\"#000\" d=\"" + path + "\"/>"
				+ "<text x=\"" + (width / 2) + "\" y=\"" + (matrix.getHeight() + LABEL_HEIGHT / 2 + 4)
				+ "\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"20\">" + escape(label) + "</text>"
				+ "</svg>";
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
