package org.anaiss.outreach.service;

import java.time.LocalDate;

import org.anaiss.outreach.domain.ContactChannel;
import org.anaiss.outreach.domain.Sex;

/** A signalled person's identity and contact details: stored only encrypted, as one JSON document. */
public record PersonIdentity(String nir, String lastName, String firstName, LocalDate birthDate, Sex sex,
        String addressLine, String postalCode, String city, String phone, String email, ContactChannel preferredChannel) {

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

    public boolean hasAddress() {
        return addressLine != null && !addressLine.isBlank() && postalCode != null && !postalCode.isBlank()
                && city != null && !city.isBlank();
    }

    @Override
    public String toString() {
        return "PersonIdentity[]";
    }
}
