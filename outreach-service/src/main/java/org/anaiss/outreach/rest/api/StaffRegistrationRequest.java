package org.anaiss.outreach.rest.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.anaiss.platform.crypto.ValidNir;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person registered by a social worker or an officer (with their agreement); the e-mail gets the confirmation and reminder. */
@Schema(name = "StaffRegistrationRequest", example = """
        {"nir": "2 84 05 75 123 456 72", "lastName": "Martin", "firstName": "Claire", "phone": "06 12 34 56 78"}""")
public record StaffRegistrationRequest(
        @NotNull @Size(max = 30) @ValidNir String nir,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Size(max = 100) String firstName,
        @Email @Size(max = 254) String email,
        @Size(max = 30) @Pattern(regexp = "[0-9+ ().-]*", message = "must be a phone number") String phone) {

    @Override
    public String toString() {
        return "StaffRegistrationRequest[]";
    }
}
