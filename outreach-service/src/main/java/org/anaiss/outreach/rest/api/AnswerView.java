package org.anaiss.outreach.rest.api;

import java.time.Instant;
import java.util.List;

/** What the answer link shows the person: the offer's subject and message, until when, and the choices. */
public record AnswerView(String subject, String message, Instant answerBefore, String status, List<String> choices) {

    @Override
    public String toString() {
        return "AnswerView[" + status + "]";
    }
}
