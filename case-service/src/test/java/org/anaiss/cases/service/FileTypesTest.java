package org.anaiss.cases.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FileTypesTest {

    @Test
    void recognisesPdfPngAndJpegByTheirBytes() {
        assertThat(FileTypes.matches("application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(FileTypes.matches("image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 })).isTrue();
        assertThat(FileTypes.matches("image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 })).isTrue();
    }

    @Test
    void refusesBytesThatAreNotOfTheDeclaredType() {
        assertThat(FileTypes.matches("application/pdf", "<html>".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(FileTypes.matches("image/png", "%PDF-".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(FileTypes.matches("text/plain", "hello".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void fileNamesLoseTheirPathAndReservedCharacters() {
        assertThat(FileTypes.safeFileName("../../etc/passwd", "application/pdf")).isEqualTo("passwd");
        assertThat(FileTypes.safeFileName("C:\\Users\\x\\bilan.pdf", "application/pdf")).isEqualTo("bilan.pdf");
        assertThat(FileTypes.safeFileName("..", "application/pdf")).isEqualTo("document.pdf");
        assertThat(FileTypes.safeFileName("a\u0000b<c>.png", "image/png")).isEqualTo("a_b_c_.png");
        assertThat(FileTypes.safeFileName(null, "image/jpeg")).isEqualTo("document.jpg");
        assertThat(FileTypes.safeFileName("x".repeat(500) + ".pdf", "application/pdf")).hasSize(200).endsWith(".pdf");
    }
}
