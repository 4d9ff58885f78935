package org.anaiss.cases.service;

import java.util.Arrays;

/** Checks that bytes are what their content type claims, and makes an uploaded file name harmless. */
public final class FileTypes {

    private static final byte[] PDF = { '%', 'P', 'D', 'F', '-' };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

    private FileTypes() {
    }

    public static boolean matches(String contentType, byte[] content) {
        return switch (contentType) {
            case "application/pdf" -> startsWith(content, PDF);
            case "image/png" -> startsWith(content, PNG);
            case "image/jpeg" -> startsWith(content, JPEG);
            default -> false;
        };
    }

    /**
     * Keeps the last path segment only, drops control and reserved characters, bounds the length;
     * falls back to a neutral name.
     */
    public static String safeFileName(String fileName, String contentType) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"<>:|?*]", "_").trim();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            name = "document" + switch (contentType) {
                case "application/pdf" -> ".pdf";
                case "image/png" -> ".png";
                default -> ".jpg";
            };
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
