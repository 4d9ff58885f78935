package org.anaiss.cases.rest.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AssignmentRequest", example = """
        {"assignee": "bruno"}""")
public record AssignmentRequest(@NotBlank @Size(max = 64) String assignee) {
}
