package org.anaiss.cases.rest.api;

import java.time.LocalDate;
import java.util.UUID;

/** Enough to recognise a person in a list. */
public record PersonSummary(UUID id, String lastName, String firstName, LocalDate birthDate) {
}
