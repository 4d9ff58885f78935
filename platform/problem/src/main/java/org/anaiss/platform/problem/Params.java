package org.anaiss.platform.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/**
 * What typed parameters ({@link QueryParamConverters}) cannot say alone: a page size bounded by configuration;
 * and parameters parsed by hand where they cannot be typed (a map of dynamic filters, a body's fields), so a bad value is a clear problem+json 400 naming the parameter (JAX-RS would
 * answer 404 for a query parameter it cannot convert). The same rules in every service.
 */
public final class Params {

    private Params() {
    }

    /**
     * A page size read as a typed {@code @QueryParam Integer size} (its minimum declared with {@code @Min(1)}), whose
     * maximum is configuration: the default when absent, a 400 naming 'size' above the maximum.
     */
    public static int pageSize(Integer size, int defaultSize, int max) {
        if (size == null) {
            return Math.min(defaultSize, max);
        }
        if (size < 1 || size > max) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "'size' must be a whole number from 1 to " + max + ".");
        }
        return size;
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                    "'" + name + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "'" + name + "' must be a UUID.");
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                    "'" + name + "' must be an ISO-8601 instant such as 2026-01-31T00:00:00Z.");
        }
    }

    public static int intValue(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                "'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }

    public static long longValue(String name, String value, long defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "'" + name + "' must be a whole number, 0 or more.");
    }

    public static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "'" + name + "' must be true or false.");
        };
    }
}
