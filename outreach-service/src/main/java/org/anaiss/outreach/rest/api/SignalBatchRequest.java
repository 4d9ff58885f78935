package org.anaiss.outreach.rest.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

/** Up to 1 000 signals; each is read and checked on its own, so one bad item does not refuse the others. */
public record SignalBatchRequest(@NotNull @Size(min = 1, max = 1000) List<JsonNode> signals) {

    @Override
    public String toString() {
        return "SignalBatchRequest[" + (signals == null ? 0 : signals.size()) + "]";
    }
}
