package org.anaiss.cases.service;

import java.time.LocalDate;

import org.anaiss.cases.domain.ContactChannel;
import org.anaiss.cases.domain.Sex;

/** Identity and contact details of a person, as given when registering or rectifying them (already validated). */
public record PersonIdentity(String lastName, String firstName, LocalDate birthDate, Sex sex, String nir, String addressLine,
        String postalCode, String city, String phone, String email, ContactChannel preferredChannel) {
}
