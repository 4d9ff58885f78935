package org.anaiss.outreach.service;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.problem.ProblemException;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;

/**
 * Renders the officer's Qute template of a campaign or an invitation. The template sees only plain
 * strings ({firstName}, {lastName}, {deadline}, {answerUrl}, {registrationUrl}, {sessions}), never an
 * object it could call methods on. Unknown expressions fail (strict rendering): checked at creation
 * with fake data, so a launch never meets a broken template.
 */
@ApplicationScoped
public class MessageRenderer {

    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final String SAMPLE_TOKEN = "EXAMPLE-LINK-NOT-VALID";

    /**
     * The values a message may use; a null value is not offered to the template at all, so a template
     * using it is refused (offers have {answerUrl} and {deadline}; invitations {registrationUrl} and
     * {sessions}; an offer that proposes a collective action has all four).
     */
    public record Values(String firstName, String lastName, LocalDate deadline, String answerUrl, String registrationUrl,
            String sessions) {

        @Override
        public String toString() {
            return "Values[]";
        }
    }

    private final Engine engine;

    public MessageRenderer(Engine engine) {
        this.engine = engine;
    }

    /** A parsed template, to render many messages of one campaign. */
    public Template parse(String template) {
        return engine.parse(template);
    }

    public String render(Template template, Values v) {
        TemplateInstance instance = template.instance().data("firstName", v.firstName()).data("lastName", v.lastName());
        if (v.deadline() != null) {
            instance.data("deadline", DATE.format(v.deadline()));
        }
        if (v.answerUrl() != null) {
            instance.data("answerUrl", v.answerUrl());
        }
        if (v.registrationUrl() != null) {
            instance.data("registrationUrl", v.registrationUrl());
        }
        if (v.sessions() != null) {
            instance.data("sessions", v.sessions());
        }
        return instance.render();
    }

    /** Fake person for previews and for checking an offer template: nothing real. */
    public static Values sample(LocalDate deadline, String answerLinkBase, String registrationLinkBase) {
        return new Values("Camille", "Exemple", deadline, answerLinkBase + SAMPLE_TOKEN,
                registrationLinkBase == null ? null : registrationLinkBase + SAMPLE_TOKEN,
                registrationLinkBase == null ? null : SAMPLE_SESSIONS);
    }

    static final String SAMPLE_SESSIONS = "- le 01/01/2030 à 10h00, Exemple";

    /**
     * Renders with fake data, or a 400 naming what is wrong; {@code requiredValue} (the answer link) must appear.
     */
    public String check(String field, String template, Values sample, String requiredValue) {
        String rendered;
        try {
            rendered = render(parse(template), sample);
        } catch (TemplateException | IllegalArgumentException e) {
            throw new ProblemException(400, "invalid-template", "Invalid template",
                    "The " + field + " is not a valid template: use only {firstName}, {lastName}, "
                            + (sample.answerUrl() != null ? "{deadline}, {answerUrl}" : "")
                            + (sample.answerUrl() != null && sample.registrationUrl() != null ? ", " : "")
                            + (sample.registrationUrl() != null ? "{registrationUrl}, {sessions}" : "") + ".",
                    java.util.Map.of("violations", List.of(java.util.Map.of("field", field, "message", "is not a valid template"))));
        }
        if (requiredValue != null && !rendered.contains(requiredValue)) {
            throw new ProblemException(400, "invalid-template", "Invalid template",
                    "The " + field + " must include the person's link ({answerUrl} or {registrationUrl}): it tells them how to answer.",
                    java.util.Map.of("violations", List.of(java.util.Map.of("field", field, "message", "must include the person's link"))));
        }
        return rendered;
    }
}
