package org.anaiss.cases.service;

import java.time.Instant;
import java.util.UUID;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.ClosureReason;
import org.anaiss.cases.domain.Origin;
import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.Theme;

/** A case as read: its person in brief, its intake note decrypted. */
public record CaseDetails(UUID id, PersonBrief person, Region region, String team, String assignedTo, Theme theme,
        Origin origin, CaseStatus status, ClosureReason closureReason, String intakeNote, Instant openedAt,
        Instant closedAt, Instant lastContactAt, Instant updatedAt, int version) {
}
