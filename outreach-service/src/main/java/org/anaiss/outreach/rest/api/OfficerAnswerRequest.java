package org.anaiss.outreach.rest.api;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.OfferResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An answer the person gave by phone or by letter, recorded by the officer. */
@Schema(name = "OfficerAnswerRequest", example = """
        {"response": "POSTPONED", "postponedUntil": "2027-03-01", "receivedBy": "PHONE"}""")
public record OfficerAnswerRequest(
        @NotNull OfferResponse response,
        @Size(max = 500) String preferredContactSlot,
        LocalDate postponedUntil,
        @NotNull @Pattern(regexp = "PHONE|LETTER", message = "must be PHONE or LETTER") String receivedBy) {

    @Override
    public String toString() {
        return "OfficerAnswerRequest[" + response + "]";
    }
}
