package org.anaiss.gateway.web.pages;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** What each page shows, beyond {@link PageContext}. */
public final class Views {

    private Views() {
    }

    /** The filters of a case list, as the user chose them (echoed into the form). */
    @TemplateData
    public record Filter(String status, String theme, String updatedSince, String sort) {
    }

    /** A list of cases: mine, the team's, or the team's queue (with the workers a case may go to). */
    @TemplateData
    public record CaseList(String heading, String action, String scope, Filter filter, Api.CasePage page, String prevHref,
            String nextHref, boolean queue, List<Api.Staff> staff) {
    }

    /** A case and what it holds; {@code staff} only for a team lead (assignment). */
    @TemplateData
    public record CaseFile(Api.Case c, List<HistoryStep> history, List<Api.Contact> contacts, List<Api.PlanStep> steps,
            List<Api.Document> documents, List<Api.Staff> staff) {
    }

    /** A line of the status history in words: its message key (opened, held, resumed, closed, reopened), day, reason. */
    @TemplateData
    public record HistoryStep(String key, java.time.LocalDate on, String closureReason) {

        /** The history's statuses as the steps a reader understands: an OPEN after a hold resumes, after a closure reopens. */
        static List<HistoryStep> of(List<Api.StatusChange> changes) {
            List<HistoryStep> steps = new java.util.ArrayList<>();
            String previous = null;
            for (Api.StatusChange change : changes) {
                String key = switch (String.valueOf(change.status())) {
                    case "ON_HOLD" -> "held";
                    case "CLOSED" -> "closed";
                    default -> previous == null ? "opened" : "CLOSED".equals(previous) ? "reopened" : "resumed";
                };
                steps.add(new HistoryStep("case.history.step." + key, change.on(), change.closureReason()));
                previous = change.status();
            }
            return steps;
        }
    }

    /** A person and the cases of theirs the user's team holds. */
    @TemplateData
    public record PersonFile(Api.Person p, List<Api.Case> cases, boolean casesUnavailable) {
    }

    /** One input of the registration form, with what was typed and what is wrong with it. */
    @TemplateData
    public record Field(String name, String label, String type, String value, boolean required, String hint,
            String autocomplete, String error) {
    }

    @TemplateData
    public record PersonForm(List<Field> identityFields, List<Field> contactFields, String sex, String preferredChannel) {
    }

    /** The name search as typed (never the NIR: it is not written back into the page). */
    @TemplateData
    public record SearchForm(String lastName, String firstName, String birthDate, boolean searched) {
    }
}
