package org.anaiss.outreach.rest.api;

import org.anaiss.platform.crypto.ValidNir;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.ContactChannel;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.domain.Sex;

/** The signalled person as a partner system sends it. {@code sex} defaults from the NIR when absent. */
public record PersonRequest(
        @NotNull @Size(max = 30) @ValidNir String nir,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Size(max = 100) String firstName,
        @NotNull @Past LocalDate birthDate,
        Sex sex,
        @NotNull Region region,
        @Size(max = 200) String addressLine,
        @Size(max = 10) @Pattern(regexp = "[0-9A-Za-z -]*", message = "must be a postal code") String postalCode,
        @Size(max = 100) String city,
        @Size(max = 30) @Pattern(regexp = "[0-9+ ().-]*", message = "must be a phone number") String phone,
        @Email @Size(max = 254) String email,
        ContactChannel preferredChannel) {

    @Override
    public String toString() {
        return "PersonRequest[]";
    }
}
