package org.anaiss.outreach.rest.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.platform.crypto.ValidNir;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person designated by NIR, in a body (never in a URL, where it would reach access logs). */
@Schema(name = "NirRequest", example = """
        {"nir": "2 84 05 75 123 456 72"}""")
public record NirRequest(@NotNull @Size(max = 30) @ValidNir String nir) {

    @Override
    public String toString() {
        return "NirRequest[]";
    }
}
