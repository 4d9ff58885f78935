package org.anaiss.cases.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.rest.api.KeyUsage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Key rotation: after a new key becomes active (new data already uses it), this re-encrypts the
 * values still under older keys, one batch per transaction, oldest rows first. It only ever picks
 * rows not under the active key, so it can be interrupted and run again at any time (resumable,
 * idempotent); concurrent runs skip each other's locked rows.
 */
@ApplicationScoped
public class ReencryptionService {

    /** An encrypted column: its table, id column, ciphertext and key id columns, and how its place is named. */
    record Column(String table, String id, String ciphertext, String key, String place) {
        String name() {
            return table + "." + ciphertext;
        }
    }

    static final List<Column> COLUMNS = List.of(
            new Column("person", "id", "nir_ct", "nir_key", "person.nir:"),
            new Column("support_case", "id", "intake_note_ct", "intake_note_key", "case.intake_note:"),
            new Column("contact", "id", "notes_ct", "notes_key", "contact.notes:"),
            new Column("plan_step", "id", "text_ct", "text_key", "plan_step.text:"),
            new Column("document", "id", "content_ct", "content_key", "document.content:"),
            new Column("archived_case", "case_id", "content_ct", "content_key", "archived_case.content:"));

    private final FieldCipher cipher;

    public ReencryptionService(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public Uni<KeyUsage> usage() {
        return Panache.withSession(() -> {
            Map<String, Map<String, Long>> usage = new LinkedHashMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Column c : COLUMNS) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("select " + c.key() + ", count(*) from "
                        + c.table() + " where " + c.ciphertext() + " is not null group by " + c.key(), Object[].class).getResultList())
                        .invoke(rows -> {
                            Map<String, Long> byKey = new LinkedHashMap<>();
                            rows.forEach(r -> byKey.put((String) r[0], ((Number) r[1]).longValue()));
                            usage.put(c.name(), byKey);
                        }).replaceWithVoid());
            }
            return chain.map(v -> new KeyUsage(cipher.activeKeyId(), usage, usage.values().stream()
                    .flatMap(m -> m.entrySet().stream()).filter(e -> !e.getKey().equals(cipher.activeKeyId()))
                    .mapToLong(Map.Entry::getValue).sum()));
        });
    }

    /** Re-encrypts up to {@code budget} values; returns how many were re-encrypted. */
    public Uni<Integer> reencrypt(int batchSize, int budget) {
        return step(0, 0, batchSize, budget);
    }

    private Uni<Integer> step(int columnIndex, int done, int batchSize, int budget) {
        if (columnIndex >= COLUMNS.size() || done >= budget) {
            return Uni.createFrom().item(done);
        }
        Column c = COLUMNS.get(columnIndex);
        int size = Math.min(batchSize, budget - done);
        return Panache.withTransaction(() -> batch(c, size))
                .chain(n -> n < size ? step(columnIndex + 1, done + n, batchSize, budget) : step(columnIndex, done + n, batchSize, budget));
    }

    private Uni<Integer> batch(Column c, int size) {
        String select = "select " + c.id() + ", " + c.ciphertext() + ", " + c.key() + " from " + c.table() + " where "
                + c.ciphertext() + " is not null and " + c.key() + " <> :active order by " + c.id()
                + " limit :size for update skip locked";
        String update = "update " + c.table() + " set " + c.ciphertext() + " = :ct, " + c.key() + " = :key where " + c.id() + " = :id";
        return Panache.getSession().chain(s -> s.createNativeQuery(select, Object[].class)
                .setParameter("active", cipher.activeKeyId()).setParameter("size", size).getResultList()
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object[] row : rows) {
                        UUID id = (UUID) row[0];
                        byte[] plain = cipher.open((String) row[2], (byte[]) row[1], c.place() + id);
                        FieldCipher.Sealed sealed = cipher.seal(plain, c.place() + id);
                        chain = chain.chain(() -> s.createNativeQuery(update).setParameter("ct", sealed.ciphertext())
                                .setParameter("key", sealed.keyId()).setParameter("id", id).executeUpdate().replaceWithVoid());
                    }
                    return chain.replaceWith(rows.size());
                }));
    }
}
