package org.anaiss.stats.rest.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A refused stats-aggregates message: where it is in the topic, why it was refused. Never its content. */
@Schema(name = "Rejection")
public record RejectionView(long id, String topic, int partition, long offset,
        @Schema(description = "the record key when it was a well-formed key, else null") String key, String reason,
        Instant rejectedAt) {
}
