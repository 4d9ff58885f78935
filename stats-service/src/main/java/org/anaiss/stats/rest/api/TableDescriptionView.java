package org.anaiss.stats.rest.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published table: what it counts, how it may be broken down, which periods it has. */
@Schema(name = "TableDescription")
public record TableDescriptionView(String producer, String measure, List<DimensionView> dimensions,
        @Schema(description = "granularity → periods stored, in time order") Map<String, List<String>> periods) {

    /** An allowed dimension of the table and the values it takes. */
    @Schema(name = "Dimension")
    public record DimensionView(String name, List<String> values) {
    }
}
