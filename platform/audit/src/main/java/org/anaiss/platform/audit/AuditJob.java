package org.anaiss.platform.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A background verification of the audit hash chains and its figures so far. Sequence numbers and
 * counts only: never the content of an audit record, nor who asked.
 */
public record AuditJob(UUID id, State state, Instant from, Instant to, long recordsChecked, long brokenRecords, Long firstBrokenSeq,
        Boolean intact, Instant startedAt, Instant finishedAt, String failure) {

    public enum State {
        RUNNING, DONE, FAILED
    }
}
