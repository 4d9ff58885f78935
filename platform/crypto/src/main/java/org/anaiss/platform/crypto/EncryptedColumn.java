package org.anaiss.platform.crypto;

import java.util.List;

/**
 * Where a service keeps encrypted values: a table, the column of the id of the key that encrypted the
 * row's values, the row's id columns, and its ciphertext columns (several may share one key column, as
 * a mail's recipient, subject and body), each with the prefix of its place: the place of a value (the
 * associated data it is bound to) is the prefix followed by the row's ids joined by ':'.
 */
public record EncryptedColumn(String table, String keyColumn, List<String> idColumns, List<Part> parts) {

    /** One ciphertext column and the prefix of its values' place. */
    public record Part(String ciphertextColumn, String placePrefix) {
    }

    public EncryptedColumn {
        idColumns = List.copyOf(idColumns);
        parts = List.copyOf(parts);
    }

    /** The common case: one ciphertext column, its key column, an id column. */
    public static EncryptedColumn of(String table, String id, String ciphertext, String key, String placePrefix) {
        return new EncryptedColumn(table, key, List.of(id), List.of(new Part(ciphertext, placePrefix)));
    }

    /** How it is named in the usage report: table.column (or table.column+column when several share a key). */
    public String name() {
        return table + "." + String.join("+", parts.stream().map(Part::ciphertextColumn).toList());
    }

    String anyValue() {
        return "(" + String.join(" or ", parts.stream().map(p -> p.ciphertextColumn() + " is not null").toList()) + ")";
    }
}
