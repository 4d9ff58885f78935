package org.anaiss.cases.domain;

import java.util.EnumSet;
import java.util.Set;

/** OPEN -> ON_HOLD <-> OPEN -> CLOSED, a held case may close, a closed case may reopen. */
public enum CaseStatus {
    OPEN, ON_HOLD, CLOSED;

    public Set<CaseStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ON_HOLD, CLOSED);
            case ON_HOLD -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.of(OPEN);
        };
    }

    public boolean canBecome(CaseStatus target) {
        return next().contains(target);
    }
}
