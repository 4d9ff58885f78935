package org.anaiss.cases.rest.api;

import java.time.LocalDate;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.ClosureReason;

/** One step of a case's status history: the status, from which day (no time, no author). */
public record StatusChangeView(CaseStatus status, ClosureReason closureReason, LocalDate on) {
}
