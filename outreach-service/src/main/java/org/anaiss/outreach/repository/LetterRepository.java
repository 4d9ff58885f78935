package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The letters a launch prints, encrypted: a campaign's merged batches for the mail room (table letter_batch) and
 * each offer's own letter (table offer_letter). Read on connections of the pool, outside the caller's session.
 */
@ApplicationScoped
public class LetterRepository {

    /** A batch of letters as listed, without its PDF. */
    public record Batch(int batchNo, int letters, Instant createdAt) {
    }

    /** An encrypted PDF and the id of the key that sealed it. */
    public record SealedPdf(String keyId, byte[] ciphertext) {
    }

    private final Pool pool;

    public LetterRepository(Pool pool) {
        this.pool = pool;
    }

    /** A campaign's batches, in the order they were made. */
    public Uni<List<Batch>> listBatches(UUID campaignId) {
        return pool.preparedQuery("select batch_no, letters, created_at from letter_batch "
                + "where campaign_id = $1 order by batch_no").execute(Tuple.of(campaignId)).map(rows -> {
                    List<Batch> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new Batch(r.getInteger("batch_no"), r.getInteger("letters"),
                                r.getOffsetDateTime("created_at").toInstant()));
                    }
                    return list;
                });
    }

    /** One batch's merged PDF, or null when the campaign has no such batch. */
    public Uni<SealedPdf> findBatchPdf(UUID campaignId, int batchNo) {
        return pool.preparedQuery("select pdf_ct, pdf_key from letter_batch where campaign_id = $1 "
                + "and batch_no = $2").execute(Tuple.of(campaignId, batchNo)).map(LetterRepository::firstPdf);
    }

    /** An offer's letter, or null when it has none. */
    public Uni<SealedPdf> findOfferLetterPdf(UUID offerId) {
        return pool.preparedQuery("select pdf_ct, pdf_key from offer_letter where offer_id = $1").execute(Tuple.of(offerId))
                .map(LetterRepository::firstPdf);
    }

    private static SealedPdf firstPdf(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        return new SealedPdf(r.getString("pdf_key"), r.getBuffer("pdf_ct").getBytes());
    }
}
