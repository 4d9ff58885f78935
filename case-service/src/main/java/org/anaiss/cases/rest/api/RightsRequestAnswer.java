package org.anaiss.cases.rest.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** How a request was answered: ANSWERED, or REFUSED with the legal ground in the note. */
public record RightsRequestAnswer(@NotNull @Pattern(regexp = "ANSWERED|REFUSED") String status,
        @Size(max = 2000) String note, @NotNull Integer version) {
}
