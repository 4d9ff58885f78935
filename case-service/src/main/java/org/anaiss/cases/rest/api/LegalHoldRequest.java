package org.anaiss.cases.rest.api;

import jakarta.validation.constraints.NotNull;

public record LegalHoldRequest(@NotNull Boolean hold) {
}
