package org.anaiss.cases.rest.api;

import java.time.Instant;

/** What the archive keeps of a case under legal hold: the person as they were, and the whole case. */
public record ArchivedDossier(Instant archivedAt, PersonView person, CaseDossier dossier) {
}
