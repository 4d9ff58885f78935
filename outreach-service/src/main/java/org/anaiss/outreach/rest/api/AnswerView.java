package org.anaiss.outreach.rest.api;

import java.time.Instant;
import java.util.List;

/**
 * What the answer link shows the person: the offer's subject and message, until when, and the choices;
 * for the person's page, which shows no other personal data, their first name alone, and the region and
 * kind of signal that say who writes and why.
 */
public record AnswerView(String subject, String message, Instant answerBefore, String status, List<String> choices,
        String firstName, String region, String signalType) {

    @Override
    public String toString() {
        return "AnswerView[" + status + "]";
    }
}
