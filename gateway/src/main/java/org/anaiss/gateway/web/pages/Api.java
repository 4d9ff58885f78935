package org.anaiss.gateway.web.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.qute.TemplateData;

/**
 * What the pages read from case-service's JSON API, as case-service documents it (its OpenAPI); only
 * the fields the pages show. Unknown fields are ignored, so the service may add some.
 */
public final class Api {

    private Api() {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PersonSummary(String id, String lastName, String firstName, LocalDate birthDate) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String id, String region, String lastName, String firstName, LocalDate birthDate, String sex,
            String nir, String addressLine, String postalCode, String city, String phone, String email,
            String preferredChannel, Instant createdAt, Instant updatedAt, int version) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Case(String id, PersonSummary person, String region, String team, String assignedTo, String theme,
            String origin, String status, String closureReason, String intakeNote, Instant openedAt, Instant closedAt,
            Instant lastContactAt, Instant updatedAt, int version) {

        public boolean open() {
            return "OPEN".equals(status);
        }

        public boolean onHold() {
            return "ON_HOLD".equals(status);
        }

        public boolean closed() {
            return "CLOSED".equals(status);
        }
    }

    /** A case file in one read (GET /api/cases/{id}/file): one request, one transaction, one batch of audit records. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseFile(@JsonProperty("case") Case theCase, List<StatusChange> statusHistory, List<Contact> contacts,
            List<PlanStep> planSteps, List<Document> documents) {
        public CaseFile {
            statusHistory = statusHistory == null ? List.of() : statusHistory;
            contacts = contacts == null ? List.of() : contacts;
            planSteps = planSteps == null ? List.of() : planSteps;
            documents = documents == null ? List.of() : documents;
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CasePage(List<Case> items, int page, int size, boolean hasNext) {
        public CasePage {
            items = items == null ? List.of() : items;
        }
    }

    /** One step of a case's status history: the status, the closure reason when closed, the day. */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusChange(String status, String closureReason, LocalDate on) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String id, Instant occurredAt, String mode, String author, String notes, Instant createdAt) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanStep(String id, String text, LocalDate dueDate, String status, Instant createdAt, Instant updatedAt,
            int version) {

        public boolean planned() {
            return "PLANNED".equals(status);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Document(String id, String fileName, String contentType, long sizeBytes, String uploadedBy,
            Instant uploadedAt) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Staff(String username, String displayName, boolean teamLead) {
    }

    /** An RFC 9457 problem as case-service writes it (type, detail, the invalid fields, extensions such as existingId). */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(String type, String title, int status, String detail, List<Violation> violations,
            String existingId, Boolean gone) {

        /** The last segment of the type URI: the kind of problem. */
        public String slug() {
            if (type == null) {
                return "unknown";
            }
            int slash = type.lastIndexOf('/');
            return slash < 0 ? type : type.substring(slash + 1);
        }

        /** The message of an invalid field, or null. */
        public String violation(String field) {
            if (violations == null) {
                return null;
            }
            for (Violation v : violations) {
                if (field.equals(v.field()) || v.field().endsWith("." + field)) {
                    return v.message();
                }
            }
            return null;
        }

        static Problem of(int status, String slug, String detail) {
            return new Problem("https://anaiss.example/problems/" + slug, null, status, detail, null, null, null);
        }
    }

    // ------------------------------------------------------------------ outreach-service's public links

    /** An offer behind a link (outreach-service's AnswerView): never more of the person than the first name. */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Offer(String subject, Instant answerBefore, String status, List<String> choices, String firstName, String region,
            String signalType) {

        public boolean canPostpone() {
            return choices != null && choices.contains("POSTPONED");
        }
    }

    /** A collective action behind an invitation or registration link (outreach-service's RegistrationLinkView). */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Invitation(String title, String theme, String description, List<Session> sessions, Mine registration) {
        public Invitation {
            sessions = sessions == null ? List.of() : sessions;
        }

        /** The session the person is registered (or waiting) for, or null. */
        public Session mySession() {
            if (registration == null) {
                return null;
            }
            return sessions.stream().filter(s -> s.id().equals(registration.sessionId())).findFirst().orElse(null);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Session(String id, Instant startsAt, int durationMinutes, String place, String videoUrl, int seatsLeft) {
        public boolean full() {
            return seatsLeft <= 0;
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mine(String sessionId, String status) {
        public boolean waiting() {
            return "WAITING".equals(status);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Violation(String field, String message) {
    }
}
