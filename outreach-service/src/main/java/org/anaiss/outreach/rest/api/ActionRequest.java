package org.anaiss.outreach.rest.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.ActionTheme;

/** A collective action of the officer's region with its first sessions. */
public record ActionRequest(
        @NotNull ActionTheme theme,
        @NotBlank @Size(max = 150) String title,
        @NotBlank @Size(max = 5000) String description,
        @NotBlank @Size(max = 500) String targetPublic,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull SessionRequest> sessions) {
}
