package org.anaiss.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Typed query parameters ({@code @QueryParam UUID personId}, an enum, an instant, a number, a boolean) read the
 * same way in every service: a blank value is absent, a bad one is a problem+json 400 that names the parameter
 * and says what it expects ({@link InvalidParameterException}). Ranges are Bean Validation constraints on the
 * parameter ({@code @Min}, {@code @Max}), so they appear in the OpenAPI documents too.
 */
@Provider
public class QueryParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameter(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, UUID::fromString, "a UUID");
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, Instant::parse, "an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, LocalDate::parse, "an ISO-8601 date such as 2026-01-31");
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, Integer::valueOf, "a whole number");
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) converter(name, Long::valueOf, "a whole number");
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, QueryParamConverters::strictBoolean, "true or false");
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            return (ParamConverter<T>) converter(name, v -> Enum.valueOf(type, v),
                    "one of " + Arrays.toString(type.getEnumConstants()));
        }
        return null;
    }

    private static String queryParameter(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    return q.value();
                }
            }
        }
        return null;
    }

    private static Boolean strictBoolean(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static <V> ParamConverter<V> converter(String name, Function<String, V> parse, String expected) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return parse.apply(value.trim());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new InvalidParameterException("'" + name + "' must be " + expected + ".");
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
