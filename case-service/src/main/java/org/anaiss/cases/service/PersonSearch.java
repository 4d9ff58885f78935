package org.anaiss.cases.service;

import java.time.LocalDate;

/** A search for a person: by NIR (exact), or by last name and birth date (first name optional). */
public record PersonSearch(String nir, String lastName, String firstName, LocalDate birthDate) {
}
