package org.anaiss.outreach.service;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfCopy;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Letters as PDF (OpenPDF): one document per person, and the merged document of a batch for the mail
 * room (each letter starts on a new sheet). Standard Helvetica, not embedded: small files, French
 * accents covered by its WinAnsi encoding. No personal data in the document metadata.
 */
@ApplicationScoped
public class LetterRenderer {

    /** What one letter says; the body is the rendered template. */
    public record Letter(String sender, List<String> addressLines, LocalDate date, String subject, String body,
            String answerUrl, LocalDate deadline) {

        @Override
        public String toString() {
            return "Letter[]";
        }
    }

    private static final Font SENDER = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10, new Color(0, 70, 140));
    private static final Font NORMAL = FontFactory.getFont(FontFactory.HELVETICA, 11);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 9);

    public byte[] render(Letter letter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        Document doc = new Document(PageSize.A4, 60, 60, 50, 50);
        try {
            PdfWriter.getInstance(doc, out);
            doc.open();
            doc.add(new Paragraph(letter.sender(), SENDER));
            Paragraph address = new Paragraph();
            address.setIndentationLeft(260);
            address.setSpacingBefore(50);
            address.setSpacingAfter(40);
            for (String line : letter.addressLines()) {
                address.add(new Paragraph(line, NORMAL));
            }
            doc.add(address);
            Paragraph date = new Paragraph("Le " + MessageRenderer.DATE.format(letter.date()), NORMAL);
            date.setAlignment(Element.ALIGN_RIGHT);
            date.setSpacingAfter(20);
            doc.add(date);
            Paragraph subject = new Paragraph("Objet : " + letter.subject(), BOLD);
            subject.setSpacingAfter(16);
            doc.add(subject);
            for (String para : letter.body().split("\\R")) {
                Paragraph p = new Paragraph(para.isBlank() ? " " : para, NORMAL);
                p.setSpacingAfter(4);
                doc.add(p);
            }
            Paragraph answer = new Paragraph("Pour répondre avant le " + MessageRenderer.DATE.format(letter.deadline())
                    + " : " + letter.answerUrl(), SMALL);
            answer.setSpacingBefore(24);
            doc.add(answer);
            doc.add(new Paragraph("Par ce même lien, vous pouvez aussi demander à ne plus être contacté(e).", SMALL));
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("letter could not be rendered", e);
        }
        return out.toByteArray();
    }

    /** One PDF with every letter of a batch, in order. */
    public byte[] merge(List<byte[]> letters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(letters.size() * 2048 + 1024);
        Document doc = new Document(PageSize.A4);
        try {
            PdfCopy copy = new PdfCopy(doc, out);
            doc.open();
            for (byte[] letter : letters) {
                PdfReader reader = new PdfReader(letter);
                for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                    copy.addPage(copy.getImportedPage(reader, page));
                }
                copy.freeReader(reader);
                reader.close();
            }
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("letters could not be merged", e);
        }
        return out.toByteArray();
    }
}
