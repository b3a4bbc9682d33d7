package io.ordergraph;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** Reads QR codes as a phone's camera would, with zxing: for the tests that check what a printed code opens. */
public final class QrCodeReader {

	private QrCodeReader() {
	}

	/** What the QR code in a PNG (a file, or a browser's screenshot of one) says. */
	public static String decode(byte[] png) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
			return new MultiFormatReader()
				.decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
				.getText();
		}
		catch (IOException | NotFoundException ex) {
			throw new AssertionError("Not a readable QR code", ex);
		}
	}

}
