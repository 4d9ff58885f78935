package org.anaiss.cases.rest.api;

import org.anaiss.platform.crypto.ValidNir;

import java.time.LocalDate;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Search by NIR (exact), or by last name and birth date (first name optional); in a body, never in a URL. */
@Schema(name = "PersonSearchRequest", example = """
        {"lastName": "Dupont", "birthDate": "1971-04-12"}""")
public record PersonSearchRequest(
        @ValidNir String nir,
        @Size(min = 1, max = 100) String lastName,
        @Size(max = 100) String firstName,
        LocalDate birthDate) {

    @AssertTrue(message = "give either a NIR, or a last name and a birth date")
    @Schema(hidden = true)
    public boolean isComplete() {
        return nir != null ? lastName == null && firstName == null && birthDate == null
                : lastName != null && !lastName.isBlank() && birthDate != null;
    }
}
