package org.anaiss.outreach.rest.api;

import org.anaiss.platform.crypto.ValidNir;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A person designated by NIR, in a body (never in a URL, where it would reach access logs). */
public record NirRequest(@NotNull @Size(max = 30) @ValidNir String nir) {

    @Override
    public String toString() {
        return "NirRequest[]";
    }
}
