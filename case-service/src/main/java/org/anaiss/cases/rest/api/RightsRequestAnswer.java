package org.anaiss.cases.rest.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a request was answered: ANSWERED, or REFUSED with the legal ground in the note. */
@Schema(name = "RightsRequestAnswer", example = """
        {"status": "ANSWERED", "note": "Copie envoyée par courrier le 2 décembre.", "version": 0}""")
public record RightsRequestAnswer(@NotNull @Pattern(regexp = "ANSWERED|REFUSED") String status,
        @Size(max = 2000) String note, @NotNull Integer version) {
}
