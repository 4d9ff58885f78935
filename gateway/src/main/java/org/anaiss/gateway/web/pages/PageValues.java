package org.anaiss.gateway.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.vertx.core.MultiMap;

/** Reading form values and building links: the small pure helpers of the staff pages. */
final class PageValues {

    private PageValues() {
    }

    static boolean uuid(String value) {
        return value != null && value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    static String value(MultiMap form, String name) {
        String v = form.get(name);
        return v == null ? "" : v;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
