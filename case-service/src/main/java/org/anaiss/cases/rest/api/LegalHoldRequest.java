package org.anaiss.cases.rest.api;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LegalHoldRequest", example = """
        {"hold": true}""")
public record LegalHoldRequest(@NotNull Boolean hold) {
}
