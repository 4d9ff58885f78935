package org.anaiss.outreach.rest.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Up to 1 000 signals; each is read and checked on its own, so one bad item does not refuse the others. */
@Schema(name = "SignalBatchRequest", example = """
        {"signals": [{"person": {"nir": "2 84 05 75 123 456 72", "lastName": "Martin", "firstName": "Claire", "birthDate": "1984-05-12", "region": "RHONE_ALPES"}, "signalType": "SICK_LEAVE_90_DAYS", "signalDate": "2026-11-20", "sendingSystem": "arrets-de-travail"}]}""")
public record SignalBatchRequest(@NotNull @Size(min = 1, max = 1000) List<JsonNode> signals) {

    @Override
    public String toString() {
        return "SignalBatchRequest[" + (signals == null ? 0 : signals.size()) + "]";
    }
}
