package org.anaiss.outreach.service;

import java.time.Instant;
import java.util.List;

/**
 * What the answer link shows the person: the offer's subject and message, until when, and the choices; their first
 * name alone, and the region and kind of signal that say who writes and why.
 */
public record AnswerDetails(String subject, String message, Instant answerBefore, String status, List<String> choices,
        String firstName, String region, String signalType) {
    @Override
    public String toString() {
        return "AnswerDetails[" + status + "]";
    }
}
