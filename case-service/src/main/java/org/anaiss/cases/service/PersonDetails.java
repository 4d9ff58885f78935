package org.anaiss.cases.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.cases.domain.ContactChannel;
import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.Sex;

/** A person as read: identity, contact details and the NIR decrypted. */
public record PersonDetails(UUID id, Region region, String lastName, String firstName, LocalDate birthDate, Sex sex,
        String nir, String addressLine, String postalCode, String city, String phone, String email,
        ContactChannel preferredChannel, Instant createdAt, Instant updatedAt, int version) {
}
