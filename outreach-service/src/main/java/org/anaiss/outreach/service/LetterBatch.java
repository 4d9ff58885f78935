package org.anaiss.outreach.service;

import java.time.Instant;

/** A merged PDF of letters for the mail room: its number and how many letters it holds. */
public record LetterBatch(int batchNo, int letters, Instant createdAt) {
}
