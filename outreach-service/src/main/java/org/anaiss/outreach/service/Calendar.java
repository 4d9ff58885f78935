package org.anaiss.outreach.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.CollectiveAction;

/** iCalendar (RFC 5545) of one session, for the person's own calendar: no personal data in it. */
public final class Calendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Calendar() {
    }

    public static String of(CollectiveAction action, ActionSession session, Instant now) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//ANAISS//outreach-service//FR");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + session.id + "@outreach.anaiss");
        line(ics, "DTSTAMP:" + UTC.format(now));
        line(ics, "DTSTART:" + UTC.format(session.startsAt));
        line(ics, "DTEND:" + UTC.format(session.endsAt()));
        line(ics, "SUMMARY:" + text(action.title));
        line(ics, "DESCRIPTION:" + text(action.description));
        if (session.place != null) {
            line(ics, "LOCATION:" + text(session.place));
        } else {
            line(ics, "LOCATION:" + text(session.videoUrl));
        }
        if (session.videoUrl != null) {
            line(ics, "URL:" + session.videoUrl);
        }
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** TEXT value escaping of RFC 5545 §3.3.11. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** Content lines end with CRLF and are folded at 75 octets (§3.1). */
    private static void line(StringBuilder ics, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            ics.append(content).append("\r\n");
            return;
        }
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + len > limit) {
                ics.append("\r\n ");
                octets = 0;
                limit = 74;
            }
            ics.appendCodePoint(cp);
            octets += len;
            i += Character.charCount(cp);
        }
        ics.append("\r\n");
    }
}
