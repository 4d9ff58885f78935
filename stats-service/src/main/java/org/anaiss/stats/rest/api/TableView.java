package org.anaiss.stats.rest.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A protected table: how it was protected and where it comes from, then its rows. */
@Schema(name = "Table")
public record TableView(Metadata metadata,
        @Schema(description = "one row per period and combination: period, the grouped or filtered dimensions, "
                + "value (null when masked), masked, and when masked the reason: below-threshold (the noisy figure is "
                + "below k) or unit-too-small (the region's figures would be the work of too few staff)") List<Map<String, Object>> rows) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TableMetadata")
    public record Metadata(String producer, String measure, String granularity, String from, String to, List<String> groupBy,
            Map<String, List<String>> filters, int cells, Protection protection, Instant generatedAt, List<Source> sources) {
    }

    /** The disclosure control applied to every figure of the answer. */
    @Schema(name = "Protection")
    public record Protection(String method,
            @Schema(description = "epsilon of every period shown; null when they were released under several keys (see sources)") Double epsilon,
            int threshold,
            @Schema(description = "the noise key of every period shown; null when several (see sources)") String noiseKeyId,
            String noiseDistribution, String note) {
    }

    /** A released snapshot the answer was computed from, with the key that protected it. */
    @Schema(name = "SourceSnapshot")
    public record Source(String period, long version, String eventId, Instant producedAt, Instant receivedAt, String noiseKeyId,
            double epsilon) {
    }
}
