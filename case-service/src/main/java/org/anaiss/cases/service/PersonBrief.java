package org.anaiss.cases.service;

import java.time.LocalDate;
import java.util.UUID;

/** Enough to recognise a person in a list. */
public record PersonBrief(UUID id, String lastName, String firstName, LocalDate birthDate) {
}
