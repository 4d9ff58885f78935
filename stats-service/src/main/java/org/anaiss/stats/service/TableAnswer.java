package org.anaiss.stats.service;

import java.time.Instant;
import java.util.List;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.repository.SnapshotRepository.StoredSnapshot;

/**
 * A protected table: every combination of the grouped dimensions for every released period, each with
 * its noisy value or masked with the reason. Values are in the order of {@link #dimensions()}.
 */
public record TableAnswer(TableQuery query, List<Dimension> dimensions, List<Row> rows, List<StoredSnapshot> sources,
        Instant generatedAt, Protection protection) {

    /** Why a figure is masked. */
    public static final String BELOW_THRESHOLD = "below-threshold";
    public static final String UNIT_TOO_SMALL = org.anaiss.stats.domain.TableDefinition.UNIT_TOO_SMALL;

    /** value is null when masked, and reason then says why. */
    public record Row(String period, String[] values, Integer value, String reason) {

        public Row(String period, String[] values, Integer value) {
            this(period, values, value, value == null ? BELOW_THRESHOLD : null);
        }

        public boolean masked() {
            return value == null;
        }
    }

    /**
     * How the figures were protected: stated in every answer. epsilon and noiseKeyId are those of every
     * source, or null when the periods shown were released under several keys (each source names its own).
     */
    public record Protection(String method, Double epsilon, int threshold, String noiseKeyId) {
    }
}
