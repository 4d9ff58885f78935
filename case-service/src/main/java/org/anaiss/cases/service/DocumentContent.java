package org.anaiss.cases.service;

/** A document in an export or an archive: its metadata and its content (base64). */
public record DocumentContent(DocumentDetails meta, String contentBase64) {
}
