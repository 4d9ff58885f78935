package org.anaiss.outreach.rest;

import jakarta.ws.rs.core.Response;

/** PDF downloads: never cached (they carry names and answer links). */
final class Pdfs {

    private Pdfs() {
    }

    static Response attachment(byte[] pdf, String filename) {
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
