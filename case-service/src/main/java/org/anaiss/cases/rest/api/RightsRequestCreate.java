package org.anaiss.cases.rest.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

import org.anaiss.cases.domain.RightsRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request received from a person; the due date follows from the reception date. */
@Schema(name = "RightsRequestCreate", example = """
        {"personId": "6f1c2b1e-1d2a-4c1b-9e55-2b8f0f7c9a10", "kind": "ACCESS", "channel": "LETTER", "receivedAt": "2026-11-20T00:00:00Z"}""")
public record RightsRequestCreate(UUID personId, @NotNull RightsRequest.Kind kind, @NotNull RightsRequest.Channel channel,
        @NotNull @PastOrPresent Instant receivedAt) {
}
