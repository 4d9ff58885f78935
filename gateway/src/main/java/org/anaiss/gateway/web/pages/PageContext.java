package org.anaiss.gateway.web.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.anaiss.gateway.web.session.WebSession;

import io.quarkus.qute.TemplateData;

/**
 * What every page needs besides its own data: the words of the user's language, who is signed in and
 * their CSRF token, the fund, where we are (for the navigation and the language switch), and how to
 * write dates. The same object for every template ({@code ctx}).
 */
@TemplateData
public final class PageContext {

    public static final String TEAM_LEAD = "team-lead";
    public static final String SOCIAL_WORKER = "social-worker";

    public final Messages m;
    public final WebSession.Profile user;
    public final String csrf;
    public final Brand brand;
    public final String nav;
    public final String here;
    public final String assets;
    public final String flash;
    public final Api.Problem problem;
    private final ZoneId zone;
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter dateTimeFormat;

    /** The fund as configured. */
    @TemplateData
    public record Brand(String fundName, String phone, String address, String logoUrl) {
    }

    PageContext(Messages m, WebSession.Profile user, String csrf, Brand brand, String nav, String here, String assets,
            String flash, Api.Problem problem, ZoneId zone) {
        this.m = m;
        this.user = user;
        this.csrf = csrf;
        this.brand = brand;
        this.nav = nav;
        this.here = here;
        this.assets = assets;
        this.flash = flash;
        this.problem = problem;
        this.zone = zone;
        this.dateFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(m.locale());
        this.dateTimeFormat = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(m.locale());
    }

    PageContext with(String newFlash, Api.Problem newProblem) {
        return new PageContext(m, user, csrf, brand, nav, here, assets, newFlash, newProblem, zone);
    }

    public String t(String key) {
        return m.get(key);
    }

    public String f(String key, Object a) {
        return m.format(key, a);
    }

    public String f(String key, Object a, Object b) {
        return m.format(key, a, b);
    }

    /** The word for a value of a fixed list ({@code theme.JOB_RETENTION}); the value itself if the bundle has none. */
    public String label(String list, String value) {
        if (value == null) {
            return "";
        }
        String key = list + "." + value;
        return m.has(key) ? m.get(key) : value;
    }

    public static final List<String> THEMES = List.of("JOB_RETENTION", "ACCESS_TO_CARE", "HOSPITAL_DISCHARGE",
            "DISABILITY", "AUTONOMY", "ACCESS_TO_RIGHTS", "OTHER");
    public static final List<String> STATUSES = List.of("OPEN", "ON_HOLD", "CLOSED");
    public static final List<String> ORIGINS = List.of("SELF", "PARTNER_SIGNAL", "OUTREACH_OFFER", "HOSPITAL", "OTHER");
    public static final List<String> MODES = List.of("OFFICE", "PHONE", "HOME_VISIT", "VIDEO", "LETTER");
    public static final List<String> CLOSURE_REASONS = List.of("COMPLETED_AT_PERSONS_REQUEST", "PERSON_WITHDREW",
            "MOVED", "REDIRECTED", "DECEASED");
    public static final List<String> SEXES = List.of("FEMALE", "MALE", "UNKNOWN");
    public static final List<String> CHANNELS = List.of("PHONE", "EMAIL", "LETTER");
    public static final List<String> SORTS = List.of("updatedAt,desc", "openedAt,desc", "openedAt,asc",
            "lastContactAt,desc", "status,asc", "theme,asc");

    public List<String> themes() {
        return THEMES;
    }

    public List<String> statuses() {
        return STATUSES;
    }

    public List<String> origins() {
        return ORIGINS;
    }

    public List<String> modes() {
        return MODES;
    }

    public List<String> closureReasons() {
        return CLOSURE_REASONS;
    }

    public List<String> sexes() {
        return SEXES;
    }

    public List<String> channels() {
        return CHANNELS;
    }

    public List<String> sorts() {
        return SORTS;
    }

    /** The name of an invalid field as the form calls it ({@code create.request.lastName} → "Nom de naissance"). */
    public String fieldLabel(String field) {
        String last = field == null ? "" : field.substring(field.lastIndexOf('.') + 1);
        return label("field", last);
    }

    public boolean teamLead() {
        return user != null && user.hasRole(TEAM_LEAD);
    }

    public boolean caseWorker() {
        return user != null && (user.hasRole(SOCIAL_WORKER) || user.hasRole(TEAM_LEAD));
    }

    /** The same page in the other language. */
    public String langSwitch() {
        String other = Messages.FRENCH.equals(m.language()) ? "en" : Messages.FRENCH;
        return "/app/lang?to=" + other + "&next=" + java.net.URLEncoder.encode(here == null ? "/app/cases" : here,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean navIs(String key) {
        return key.equals(nav);
    }

    public String date(LocalDate date) {
        return date == null ? "" : dateFormat.format(date);
    }

    public String date(Instant instant) {
        return instant == null ? "" : dateFormat.format(instant.atZone(zone));
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTimeFormat.format(instant.atZone(zone));
    }

    /** A date as a person reads it in a letter ("mercredi 9 décembre 2026"). */
    public String longDate(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(m.locale()).format(instant.atZone(zone));
    }

    /** A date and time as a person reads it ("mercredi 9 décembre 2026, 14:00"). */
    public String longDateTime(Instant instant) {
        return instant == null ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(m.locale()).format(instant.atZone(zone));
    }

    /** The words of one part of a family of keys ({@code public.done}, {@code accepted}, {@code title}). */
    public String part(String family, String member, String part) {
        return m.get(family + "." + member + "." + part);
    }

    /** Bounds of a date field: tomorrow, and six months from today, in the fund's time zone. */
    public String tomorrow() {
        return LocalDate.now(zone).plusDays(1).toString();
    }

    public String inSixMonths() {
        return LocalDate.now(zone).plusMonths(6).toString();
    }

    /** For a {@code datetime-local} field: now, to the minute, in the fund's time zone. */
    public String nowLocal() {
        return LocalDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** For a {@code max} of a date field: today. */
    public String today() {
        return LocalDate.now(zone).toString();
    }

    /** A size in words (Ko, Mo). */
    public String size(long bytes) {
        if (bytes < 1024) {
            return m.format("size.bytes", bytes);
        }
        if (bytes < 1024 * 1024) {
            return m.format("size.kb", Math.round(bytes / 1024.0));
        }
        return m.format("size.mb", String.format(m.locale(), "%.1f", bytes / (1024.0 * 1024.0)));
    }

    /** What went wrong, in the user's words: the bundle's sentence for this kind of problem, if it has one. */
    public String problemTitle(Api.Problem p) {
        String key = "problem." + p.slug();
        return m.has(key) ? m.get(key) : m.get("problem.default");
    }

    ZoneId zone() {
        return zone;
    }
}
