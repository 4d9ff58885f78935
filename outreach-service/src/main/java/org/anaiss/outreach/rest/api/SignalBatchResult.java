package org.anaiss.outreach.rest.api;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Per-item outcome of a batch: CREATED with the signal's id, or REJECTED with the fields at fault. */
public record SignalBatchResult(int created, int rejected, List<Item> items) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String outcome, UUID id, List<FieldError> errors) {
    }

    /** A field and what is expected of it; never the value sent. */
    public record FieldError(String field, String message) {
    }
}
