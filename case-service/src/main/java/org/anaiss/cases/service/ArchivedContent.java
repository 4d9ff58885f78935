package org.anaiss.cases.service;

import java.time.Instant;

/**
 * What the archive keeps of a case under legal hold: the person as they were, and the whole case. Stored as JSON,
 * encrypted (archived_case): its field names, and those of the records it holds, are the archive's format.
 */
public record ArchivedContent(Instant archivedAt, PersonDetails person, Dossier dossier) {
}
