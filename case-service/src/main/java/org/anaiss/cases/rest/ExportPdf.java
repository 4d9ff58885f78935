package org.anaiss.cases.rest;

import java.io.ByteArrayOutputStream;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

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

/**
 * A person's export as a readable PDF, for sending to the person (right of access). Every text comes
 * from the bundle {@code messages/export.properties}, in French (the people it is for read French), so
 * wording is changed there, never here; codes (themes, statuses...) are shown by their French label.
 */
public final class ExportPdf {

    static final String BUNDLE = "messages.export";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(PARIS);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 8);

    private ExportPdf() {
    }

    /** The texts, French by default: no fallback to the JVM's locale (a server set to English stays French). */
    static ResourceBundle texts() {
        return ResourceBundle.getBundle(BUNDLE, Locale.FRENCH, ExportPdf.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static byte[] render(PersonExport export) {
        Texts t = new Texts(texts());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(t.get("doc.title"));
        doc.open();
        doc.add(new Paragraph(t.get("title"), TITLE));
        doc.add(new Paragraph(t.get("intro", WHEN.format(export.generatedAt())), SMALL));
        doc.add(Chunk.NEWLINE);

        PersonView p = export.person();
        doc.add(new Paragraph(t.get("identity.heading"), HEADING));
        PdfPTable identity = table();
        row(identity, t.get("identity.name"), p.firstName() + " " + p.lastName());
        row(identity, t.get("identity.birthDate"), p.birthDate() == null ? null : DAY.format(p.birthDate()));
        row(identity, t.get("identity.sex"), t.code("sex", p.sex()));
        row(identity, t.get("identity.nir"), p.nir());
        row(identity, t.get("identity.address"), join(p.addressLine(), p.postalCode(), p.city()));
        row(identity, t.get("identity.phone"), p.phone());
        row(identity, t.get("identity.email"), p.email());
        row(identity, t.get("identity.preferredChannel"), t.code("channel", p.preferredChannel()));
        row(identity, t.get("identity.region"), t.code("region", p.region()));
        doc.add(identity);

        for (CaseDossier d : export.cases()) {
            var c = d.caseFile();
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph(t.get("case.heading", WHEN.format(c.openedAt())), HEADING));
            PdfPTable table = table();
            row(table, t.get("case.theme"), t.code("theme", c.theme()));
            row(table, t.get("case.origin"), t.code("origin", c.origin()));
            row(table, t.get("case.status"), c.closureReason() == null ? t.code("status", c.status())
                    : t.get("case.status.withReason", t.code("status", c.status()), t.code("closure", c.closureReason())));
            row(table, t.get("case.socialWorker"), c.assignedTo());
            row(table, t.get("case.intakeNote"), c.intakeNote());
            doc.add(table);
            if (!d.contacts().isEmpty()) {
                doc.add(new Paragraph(t.get("case.contacts"), TEXT));
                PdfPTable contacts = table();
                for (ContactView k : d.contacts()) {
                    row(contacts, WHEN.format(k.occurredAt()) + " - " + t.code("mode", k.mode()), k.notes());
                }
                doc.add(contacts);
            }
            if (!d.plan().isEmpty()) {
                doc.add(new Paragraph(t.get("case.plan"), TEXT));
                PdfPTable plan = table();
                for (PlanStepView s : d.plan()) {
                    String status = t.code("plan", s.status());
                    row(plan, s.dueDate() == null ? status : t.get("case.plan.due", status, DAY.format(s.dueDate())), s.text());
                }
                doc.add(plan);
            }
            if (!d.documents().isEmpty()) {
                doc.add(new Paragraph(t.get("case.documents"), TEXT));
                PdfPTable docs = table();
                for (DocumentExport e : d.documents()) {
                    row(docs, e.meta().fileName(), t.get("case.document.meta", e.meta().contentType(),
                            String.valueOf(e.meta().sizeBytes()), WHEN.format(e.meta().uploadedAt())));
                }
                doc.add(docs);
            }
        }

        if (!export.rightsRequests().isEmpty()) {
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph(t.get("requests.heading"), HEADING));
            PdfPTable table = table();
            for (RightsRequestView r : export.rightsRequests()) {
                String status = t.code("request.status", r.status());
                row(table, t.get("requests.received", t.code("request", r.kind()), WHEN.format(r.receivedAt())),
                        r.answeredAt() == null ? status : t.get("requests.answered", status, WHEN.format(r.answeredAt())));
            }
            doc.add(table);
        }

        doc.add(Chunk.NEWLINE);
        doc.add(new Paragraph(t.get("outreach.heading"), HEADING));
        String status = export.outreachStatus() == null ? "" : export.outreachStatus().split(":", 2)[0].trim();
        if (export.outreach() == null) {
            doc.add(new Paragraph(t.has("outreach.status." + status) ? t.get("outreach.status." + status) : t.get("none"), TEXT));
        } else {
            PdfPTable table = table();
            flatten(table, t, "", "", export.outreach());
            doc.add(table);
        }
        doc.close();
        return out.toByteArray();
    }

    /** The bundle, with MessageFormat arguments and the French label of a code (the code itself if none). */
    record Texts(ResourceBundle bundle) {
        String get(String key, Object... args) {
            String text = bundle.getString(key);
            return args.length == 0 ? text.replace("''", "'") : new MessageFormat(text, Locale.FRENCH).format(args);
        }

        boolean has(String key) {
            return bundle.containsKey(key);
        }

        String code(String prefix, Object code) {
            if (code == null) {
                return null;
            }
            String key = prefix + "." + code;
            return has(key) ? get(key) : String.valueOf(code);
        }
    }

    private static void flatten(PdfPTable table, Texts t, String prefix, String field, JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String label = t.code("field", f.getKey());
                flatten(table, t, prefix.isEmpty() ? label : prefix + " / " + label, f.getKey(), f.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(table, t, prefix + " " + (i + 1), field, node.get(i));
            }
        } else if (!node.isNull()) {
            row(table, prefix, value(t, field, node));
        }
    }

    /** Shared labels for outreach-service's codes of the same kind as case-service's. */
    private static final List<String> SHARED_CODES = List.of("region", "sex", "channel");

    /**
     * A value of outreach-service's part as the person reads it: a code by its French label ({@code value.<field>.<code>},
     * or the label case-service uses for the same kind of code), yes or no, dates and times in French form.
     */
    static String value(Texts t, String field, JsonNode node) {
        if (node.isBoolean()) {
            return t.get(node.booleanValue() ? "value.true" : "value.false");
        }
        String text = node.asText();
        if (t.has("value." + field + "." + text)) {
            return t.get("value." + field + "." + text);
        }
        if (SHARED_CODES.contains(field) && t.has(field + "." + text)) {
            return t.get(field + "." + text);
        }
        try {
            if (text.length() > 10 && text.charAt(10) == 'T') {
                return WHEN.format(OffsetDateTime.parse(text));
            }
            if (text.length() == 10 && text.charAt(4) == '-') {
                return DAY.format(LocalDate.parse(text));
            }
        } catch (DateTimeParseException notADate) {
            // shown as it is
        }
        return text;
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
