package org.anaiss.platform.audit;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One audit record to write: what was done to which record, and its subjects in the order of the
 * service's {@link AuditLayout#columns()} (null where unknown).
 */
public record AuditLine(String action, String recordType, UUID recordId, List<Object> subjects) {

    public AuditLine {
        subjects = Collections.unmodifiableList(Arrays.asList(subjects.toArray()));
    }

    public static AuditLine of(String action, String recordType, UUID recordId, Object... subjects) {
        return new AuditLine(action, recordType, recordId, Arrays.asList(subjects));
    }
}
