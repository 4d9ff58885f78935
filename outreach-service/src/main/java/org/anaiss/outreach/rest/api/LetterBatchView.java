package org.anaiss.outreach.rest.api;

import java.time.Instant;

/** A merged PDF of letters for the mail room. */
public record LetterBatchView(int batchNo, int letters, Instant createdAt) {
}
