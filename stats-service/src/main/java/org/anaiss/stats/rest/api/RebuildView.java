package org.anaiss.stats.rest.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where the rebuild from the topic stands. */
@Schema(name = "Rebuild")
public record RebuildView(@Schema(enumeration = { "IDLE", "RUNNING", "DONE", "FAILED" }) String state, String failure,
        Instant startedAt, Instant finishedAt, long read, long applied, long ignored, long rejected) {
}
