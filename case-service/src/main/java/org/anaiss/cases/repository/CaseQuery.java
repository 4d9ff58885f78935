package org.anaiss.cases.repository;

import java.time.Instant;
import java.util.UUID;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.Theme;

/**
 * Filters of the worker's case lists. Scope (region, team) is not a filter: the service adds it.
 *
 * @param assignedTo only cases assigned to this username (the caller: "mine")
 * @param unassigned only cases waiting in the queue
 * @param personId only the cases of this person
 */
public record CaseQuery(CaseStatus status, Theme theme, String assignedTo, boolean unassigned, UUID personId, Instant updatedSince,
        String sortField, boolean ascending, int page, int size) {
}
