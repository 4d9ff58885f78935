package org.anaiss.stats.service;

import java.time.Instant;
import java.util.List;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.repository.SnapshotRepository.StoredSnapshot;

/**
 * A protected table: every combination of the grouped dimensions for every period that has a
 * snapshot, each with its noisy value or masked. Values are in the order of {@link #dimensions()}.
 */
public record TableAnswer(TableQuery query, List<Dimension> dimensions, List<Row> rows, List<StoredSnapshot> sources,
        Instant generatedAt, Protection protection) {

    /** value is null when masked. */
    public record Row(String period, String[] values, Integer value) {
        public boolean masked() {
            return value == null;
        }
    }

    /** How the figures were protected: stated in every answer. */
    public record Protection(String method, double epsilon, int threshold, String noiseKeyId) {
    }
}
