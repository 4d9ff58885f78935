package org.anaiss.outreach.rest.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.ActionTheme;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A collective action of the officer's region with its first sessions. */
@Schema(name = "ActionRequest", example = """
        {"theme": "JOB_RETENTION", "title": "Garder son emploi après un arrêt long", "description": "Réunion d'information : les aides pour reprendre le travail et aménager son poste.", "targetPublic": "Assurés en arrêt de travail depuis plus de 90 jours", "sessions": [{"startsAt": "2027-01-14T13:30:00Z", "durationMinutes": 120, "place": "CPAM, 12 rue de la Paix, Lyon", "capacity": 20}]}""")
public record ActionRequest(
        @NotNull ActionTheme theme,
        @NotBlank @Size(max = 150) String title,
        @NotBlank @Size(max = 5000) String description,
        @NotBlank @Size(max = 500) String targetPublic,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull SessionRequest> sessions) {
}
