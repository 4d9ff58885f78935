package org.anaiss.stats.rest.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published table: what it counts, how it may be broken down, which periods are released and when the next is. */
@Schema(name = "TableDescription")
public record TableDescriptionView(String producer, String measure,
        @Schema(description = "what the measure describes: the public served, or outcomes of the service's work") String describes,
        @Schema(enumeration = { "REGIONAL", "NATIONAL" }, description = "REGIONAL: may be broken down by region (a region whose "
                + "figures would be the work of too few staff is masked as unit-too-small); NATIONAL: never by region") String release,
        List<DimensionView> dimensions,
        @Schema(description = "granularity → periods released, in time order; a released period never changes") Map<String, List<String>> released,
        @Schema(description = "granularity → the next period to be released and from when (the producer exports it at its next "
                + "run after that time)") Map<String, NextReleaseView> nextRelease) {

    /** An allowed dimension of the table and the values it takes. */
    @Schema(name = "Dimension")
    public record DimensionView(String name, List<String> values) {
    }

    @Schema(name = "NextRelease")
    public record NextReleaseView(String period, Instant expectedFrom) {
    }
}
