package org.anaiss.cases.rest.api;

/** A document in an export or an archive: its metadata and its content (base64). */
public record DocumentExport(DocumentView meta, String contentBase64) {
}
