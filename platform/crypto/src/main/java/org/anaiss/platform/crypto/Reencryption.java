package org.anaiss.platform.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Key rotation: after a new key becomes active (new data already uses it), this re-encrypts the
 * values of a service's columns still under older keys, one batch per transaction, in id order. It only
 * ever picks rows not under the active key, so it can be interrupted and run again at any time
 * (resumable, idempotent); concurrent runs (replicas) skip each other's locked rows.
 */
@ApplicationScoped
public class Reencryption {

    private final FieldCipher cipher;

    public Reencryption(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public Uni<KeyUsage> usage(List<EncryptedColumn> columns) {
        return Panache.withSession(() -> {
            Map<String, Map<String, Long>> usage = new LinkedHashMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (EncryptedColumn c : columns) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("select " + c.keyColumn() + ", count(*) from "
                        + c.table() + " where " + c.anyValue() + " group by " + c.keyColumn(), Object[].class).getResultList())
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

    /** Re-encrypts up to {@code budget} rows; returns how many were re-encrypted. */
    public Uni<Integer> reencrypt(List<EncryptedColumn> columns, int batchSize, int budget) {
        return step(columns, 0, 0, Math.max(1, batchSize), budget);
    }

    private Uni<Integer> step(List<EncryptedColumn> columns, int columnIndex, int done, int batchSize, int budget) {
        if (columnIndex >= columns.size() || done >= budget) {
            return Uni.createFrom().item(done);
        }
        EncryptedColumn c = columns.get(columnIndex);
        int size = Math.min(batchSize, budget - done);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> batch(s, c, size)))
                .chain(n -> step(columns, n < size ? columnIndex + 1 : columnIndex, done + n, batchSize, budget));
    }

    private Uni<Integer> batch(Mutiny.Session s, EncryptedColumn c, int size) {
        List<String> ids = c.idColumns();
        List<String> cts = c.parts().stream().map(EncryptedColumn.Part::ciphertextColumn).toList();
        String select = "select " + String.join(", ", ids) + ", " + String.join(", ", cts) + ", " + c.keyColumn() + " from " + c.table()
                + " where " + c.anyValue() + " and " + c.keyColumn() + " <> :active order by " + String.join(", ", ids)
                + " limit :size for update skip locked";
        return s.createNativeQuery(select, Object[].class).setParameter("active", cipher.activeKeyId()).setParameter("size", size)
                .getResultList().chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object[] row : rows) {
                        List<String> idValues = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                            idValues.add(String.valueOf(row[i]));
                        }
                        String oldKey = (String) row[ids.size() + cts.size()];
                        // only the parts that hold a value: a null stays null (and its type unknown to the driver)
                        StringBuilder update = new StringBuilder("update " + c.table() + " set " + c.keyColumn() + " = :key");
                        Map<String, byte[]> sealed = new LinkedHashMap<>();
                        for (int p = 0; p < cts.size(); p++) {
                            byte[] old = (byte[]) row[ids.size() + p];
                            if (old != null) {
                                String place = c.parts().get(p).placePrefix() + String.join(":", idValues);
                                sealed.put("ct" + p, cipher.seal(cipher.open(oldKey, old, place), place).ciphertext());
                                update.append(", ").append(cts.get(p)).append(" = :ct").append(p);
                            }
                        }
                        update.append(" where ");
                        for (int i = 0; i < ids.size(); i++) {
                            update.append(i == 0 ? "" : " and ").append(ids.get(i)).append(" = :id").append(i);
                        }
                        var query = s.createNativeQuery(update.toString()).setParameter("key", cipher.activeKeyId());
                        for (int i = 0; i < ids.size(); i++) {
                            query.setParameter("id" + i, row[i]);
                        }
                        sealed.forEach(query::setParameter);
                        chain = chain.chain(() -> query.executeUpdate().replaceWithVoid());
                    }
                    return chain.replaceWith(rows.size());
                });
    }
}
