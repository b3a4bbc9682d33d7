package io.ordergraph.session;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import com.google.zxing.client.j2se.MatrixToImageWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ordergraph.QrCodeReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every QR code we serve reads back, including the join URLs whose standard mask zxing's detector cannot find. */
class QrCodesTests {

	/** Join URLs whose code, with the mask the standard's penalty rules pick, zxing finds at none of these sizes. */
	private static final List<String> HARD_TO_FIND = List.of(
			"https://shop.example/join/NZk_p0fJG9K06c8hedD9FBNm-WQXczd2NvZVMgqHD0M",
			"https://shop.example/join/FpcV-9Sngk5iRGZMUG8coJXX3UNEF73mKVQK-SFaObc",
			"https://shop.example/join/CiyNCkHs9uijj_6UM-KrbeoFbvmXigIorPHPyBCD7LQ",
			"https://shop.example/join/RqL26dCWXOhHUkwqiYRl0fiJMgnJvAnggRzTNwfVJxw");

	@ParameterizedTest
	@ValueSource(ints = { QrCodes.MIN_SIZE, QrCodes.DEFAULT_SIZE, 300, 512 })
	void codesThatTheStandardMaskHidesFromTheReaderAreServedWithAnotherMask(int size) {
		for (String url : HARD_TO_FIND) {
			assertThatThrownBy(() -> QrCodeReader.decode(standardMask(url, size))).as("the standard mask for %s", url)
				.hasMessage("Not a readable QR code");
			assertThat(QrCodeReader.decode(QrCodes.png(url, size))).isEqualTo(url);
		}
	}

	/** The code as zxing's writer makes it on its own, with our settings: the mask of least penalty. */
	private static byte[] standardMask(String url, int size) throws Exception {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		MatrixToImageWriter.writeToStream(QrCodes.encode(url, size, null), "png", png);
		return png.toByteArray();
	}

	@ParameterizedTest
	@ValueSource(ints = { QrCodes.DEFAULT_SIZE, 300 })
	void everyRandomJoinUrlReadsBack(int size) {
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < 100; i++) {
			byte[] code = new byte[32];
			random.nextBytes(code);
			String url = "http://localhost:" + (1024 + random.nextInt(60000)) + "/join/"
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(code);
			assertThat(QrCodeReader.decode(QrCodes.png(url, size))).isEqualTo(url);
		}
	}

}
