package org.anaiss.outreach.rest.api;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;

import org.anaiss.outreach.domain.SignalType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One signal: the person, why (type and date), and which of the partner's systems sent it. */
@Schema(name = "SignalRequest", example = """
        {"person": {"nir": "2 84 05 75 123 456 72", "lastName": "Martin", "firstName": "Claire", "birthDate": "1984-05-12", "sex": "FEMALE", "region": "RHONE_ALPES", "addressLine": "3 rue des Lilas", "postalCode": "69003", "city": "Lyon", "preferredChannel": "LETTER"}, "signalType": "SICK_LEAVE_90_DAYS", "signalDate": "2026-11-20", "sendingSystem": "arrets-de-travail"}""")
public record SignalRequest(
        @Valid @NotNull PersonRequest person,
        @NotNull SignalType signalType,
        @NotNull @PastOrPresent LocalDate signalDate,
        @NotNull @Pattern(regexp = "[A-Za-z0-9 ._/-]{1,100}", message = "must be 1 to 100 letters, digits, spaces or ._/-") String sendingSystem) {

    @Override
    public String toString() {
        return "SignalRequest[" + signalType + "]";
    }
}
