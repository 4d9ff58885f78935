package org.anaiss.cases.service;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

import org.anaiss.cases.rest.api.CaseDossier;
import org.anaiss.cases.rest.api.ContactView;
import org.anaiss.cases.rest.api.DocumentExport;
import org.anaiss.cases.rest.api.PersonExport;
import org.anaiss.cases.rest.api.PersonView;
import org.anaiss.cases.rest.api.PlanStepView;
import org.anaiss.cases.rest.api.RightsRequestView;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/** A person's export as a readable PDF, for sending to the person (right of access). */
public final class ExportPdf {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Europe/Paris"));
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 8);

    private ExportPdf() {
    }

    public static byte[] render(PersonExport export) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Data held by the social service");
        doc.open();
        doc.add(new Paragraph("Data held about you by the social service (ANAISS)", TITLE));
        doc.add(new Paragraph("Produced on " + WHEN.format(export.generatedAt())
                + " in answer to your request (GDPR article 15). It lists every piece of information recorded about you.", SMALL));
        doc.add(Chunk.NEWLINE);

        PersonView p = export.person();
        doc.add(new Paragraph("Identity and contact details", HEADING));
        PdfPTable identity = table();
        row(identity, "Name", p.firstName() + " " + p.lastName());
        row(identity, "Birth date", String.valueOf(p.birthDate()));
        row(identity, "Sex", String.valueOf(p.sex()));
        row(identity, "Social security number (NIR)", p.nir());
        row(identity, "Address", join(p.addressLine(), p.postalCode(), p.city()));
        row(identity, "Phone", p.phone());
        row(identity, "E-mail", p.email());
        row(identity, "Preferred contact", p.preferredChannel() == null ? null : p.preferredChannel().name());
        row(identity, "Regional fund", p.region().name());
        doc.add(identity);

        for (CaseDossier d : export.cases()) {
            var c = d.caseFile();
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph("Accompaniment opened on " + WHEN.format(c.openedAt()), HEADING));
            PdfPTable t = table();
            row(t, "Theme", c.theme().name());
            row(t, "How it began", c.origin().name());
            row(t, "Status", c.status().name() + (c.closureReason() == null ? "" : " (" + c.closureReason().name() + ")"));
            row(t, "Social worker", c.assignedTo());
            row(t, "Noted when the offer was accepted", c.intakeNote());
            doc.add(t);
            if (!d.contacts().isEmpty()) {
                doc.add(new Paragraph("Contacts", TEXT));
                PdfPTable contacts = table();
                for (ContactView k : d.contacts()) {
                    row(contacts, WHEN.format(k.occurredAt()) + " - " + k.mode(), k.notes());
                }
                doc.add(contacts);
            }
            if (!d.plan().isEmpty()) {
                doc.add(new Paragraph("Support plan", TEXT));
                PdfPTable plan = table();
                for (PlanStepView s : d.plan()) {
                    row(plan, s.status() + (s.dueDate() == null ? "" : " - due " + s.dueDate()), s.text());
                }
                doc.add(plan);
            }
            if (!d.documents().isEmpty()) {
                doc.add(new Paragraph("Documents (copies attached to the electronic export)", TEXT));
                PdfPTable docs = table();
                for (DocumentExport e : d.documents()) {
                    row(docs, e.meta().fileName(), e.meta().contentType() + ", " + e.meta().sizeBytes() + " bytes, "
                            + WHEN.format(e.meta().uploadedAt()));
                }
                doc.add(docs);
            }
        }

        if (!export.rightsRequests().isEmpty()) {
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph("Your requests", HEADING));
            PdfPTable t = table();
            for (RightsRequestView r : export.rightsRequests()) {
                row(t, r.kind() + " received " + WHEN.format(r.receivedAt()), r.status()
                        + (r.answeredAt() == null ? "" : ", answered " + WHEN.format(r.answeredAt())));
            }
            doc.add(t);
        }

        doc.add(Chunk.NEWLINE);
        doc.add(new Paragraph("Offers of service and collective actions", HEADING));
        if (export.outreach() == null) {
            doc.add(new Paragraph(String.valueOf(export.outreachStatus()), TEXT));
        } else {
            PdfPTable t = table();
            flatten(t, "", export.outreach());
            doc.add(t);
        }
        doc.close();
        return out.toByteArray();
    }

    private static void flatten(PdfPTable t, String prefix, JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(t, prefix.isEmpty() ? f.getKey() : prefix + " / " + f.getKey(), f.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(t, prefix + " " + (i + 1), node.get(i));
            }
        } else if (!node.isNull()) {
            row(t, prefix, node.asText());
        }
    }

    private static PdfPTable table() {
        PdfPTable t = new PdfPTable(new float[] { 2, 5 });
        t.setWidthPercentage(100);
        t.setHorizontalAlignment(Element.ALIGN_LEFT);
        return t;
    }

    private static void row(PdfPTable t, String label, String value) {
        t.addCell(new Paragraph(label, TEXT));
        t.addCell(new Paragraph(value == null || value.isBlank() ? "-" : value, TEXT));
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(part);
            }
        }
        return sb.toString();
    }
}
