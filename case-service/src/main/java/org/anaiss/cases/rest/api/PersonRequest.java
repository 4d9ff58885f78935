package org.anaiss.cases.rest.api;

import org.anaiss.platform.crypto.ValidNir;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.anaiss.cases.domain.ContactChannel;
import org.anaiss.cases.domain.Sex;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Identity and contact details of a person; the region is the caller's own. */
@Schema(name = "PersonRequest", example = """
        {"lastName": "Dupont", "firstName": "Marie", "birthDate": "1971-04-12", "sex": "FEMALE",
         "nir": "2710475056038 69", "addressLine": "12 rue des Lilas", "postalCode": "69003", "city": "Lyon",
         "phone": "+33 4 72 00 00 00", "email": "marie.dupont@example.org", "preferredChannel": "PHONE"}""")
public record PersonRequest(
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Size(max = 100) String firstName,
        @NotNull @Past LocalDate birthDate,
        @NotNull Sex sex,
        @ValidNir @Schema(description = "National registration number (13 digits and 2-digit key); spaces allowed") String nir,
        @Size(max = 200) String addressLine,
        @Pattern(regexp = "[0-9A-Z]{4,10}", message = "must be 4 to 10 digits or capital letters") String postalCode,
        @Size(max = 100) String city,
        @Pattern(regexp = "\\+?[0-9 .()-]{6,30}", message = "must be a phone number") String phone,
        @Email @Size(max = 254) String email,
        ContactChannel preferredChannel) {
}
