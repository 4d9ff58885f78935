package org.anaiss.cases.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a retention run deleted or archived (or would, for a dry run): the cases by id only.
 *
 * @param cutoff cases whose last contact or closure is before this are due
 */
public record RetentionOutcome(boolean dryRun, Instant at, Instant cutoff, List<UUID> casesDeleted, List<UUID> casesArchived,
        int personsDeleted, Instant auditCutoff, int auditMonthsDropped) {
}
