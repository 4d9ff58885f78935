package org.anaiss.cases.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.ClosureReason;
import org.anaiss.cases.domain.ContactChannel;
import org.anaiss.cases.domain.ContactMode;
import org.anaiss.cases.domain.Origin;
import org.anaiss.cases.domain.PlanStepStatus;
import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.Sex;
import org.anaiss.cases.domain.Theme;
import org.anaiss.cases.rest.api.ArchivedDossier;
import org.anaiss.cases.service.ArchivedContent;
import org.anaiss.cases.service.CaseDetails;
import org.anaiss.cases.service.ContactDetails;
import org.anaiss.cases.service.DocumentContent;
import org.anaiss.cases.service.DocumentDetails;
import org.anaiss.cases.service.Dossier;
import org.anaiss.cases.service.PersonBrief;
import org.anaiss.cases.service.PersonDetails;
import org.anaiss.cases.service.PlanStepDetails;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The archive of a case under legal hold is stored as JSON (RetentionService writes the service's ArchivedContent,
 * DpoService reads it back): written the same, field for field and in the same order, as the API's ArchivedDossier
 * that was stored before, so archives written either way read alike.
 */
class ArchiveFormatTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void theStoredFormIsTheOneTheApiRecordsWrote() throws Exception {
        Instant t = Instant.parse("2026-02-03T10:15:30Z");
        UUID personId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        PersonDetails person = new PersonDetails(personId, Region.RHONE_ALPES, "Durand", "Claire", LocalDate.of(1968, 3, 15),
                Sex.FEMALE, "268036905603869", "12 rue des Lilas", "69003", "Lyon", "+33 4 72 00 00 00", "c@example.org",
                ContactChannel.PHONE, t, t.plusSeconds(1), 3);
        CaseDetails caseFile = new CaseDetails(caseId, new PersonBrief(personId, "Durand", "Claire", LocalDate.of(1968, 3, 15)),
                Region.RHONE_ALPES, "team-1", "alice", Theme.JOB_RETENTION, Origin.SELF, CaseStatus.CLOSED,
                ClosureReason.values()[0], "note", t, t.plusSeconds(2), t.plusSeconds(3), t.plusSeconds(4), 5);
        Dossier dossier = new Dossier(caseFile, true,
                List.of(new ContactDetails(UUID.randomUUID(), caseId, t, ContactMode.values()[0], "alice", "notes", t)),
                List.of(new PlanStepDetails(UUID.randomUUID(), caseId, "step", LocalDate.of(2026, 3, 1), PlanStepStatus.PLANNED,
                        t, t, 1)),
                List.of(new DocumentContent(new DocumentDetails(UUID.randomUUID(), caseId, "a.pdf", "application/pdf", 42,
                        "00ff", "alice", t), "JVBERi0=")));
        ArchivedContent stored = new ArchivedContent(t, person, dossier);

        String written = json.writeValueAsString(stored);
        String asTheApiWroteIt = json.writeValueAsString(ApiMapping.archived(stored));
        assertThat(written).isEqualTo(asTheApiWroteIt);
        assertThat(json.readValue(asTheApiWroteIt, ArchivedContent.class)).isEqualTo(stored);
        assertThat(json.readValue(written, ArchivedDossier.class)).isEqualTo(ApiMapping.archived(stored));
    }
}
