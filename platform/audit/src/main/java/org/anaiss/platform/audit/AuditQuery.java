package org.anaiss.platform.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.anaiss.platform.problem.ProblemException;


/**
 * One reading of the audit trail and the rules that keep it an instrument of control, never of
 * measurement: per subject (a case, a person...); per period of at most 31 days with a reason; per
 * actor only within such a period, with a reason and the reference of the incident being investigated.
 *
 * @param kind a subject's kind, PERIOD or ACTOR
 * @param subject the subject read, for a subject's kind only
 */
public record AuditQuery(String kind, AuditLayout.Subject subject, Object subjectValue, Instant from, Instant to, String actor,
        String reason, String incident, long afterSeq, int limit) {

    public static final String PERIOD = "PERIOD";
    public static final String ACTOR = "ACTOR";
    /** A period read covers at most this much (one month): the trail cannot be pulled whole. */
    public static final Duration MAX_PERIOD = Duration.ofDays(31);
    /**
     * An incident reference, as the fund's security-incident register numbers them: INC-, the year, a
     * number (INC-2026-0042). Reading one person's actions needs one.
     */
    public static final Pattern INCIDENT = Pattern.compile("INC-[0-9]{4}-[0-9]{1,6}");
    static final int MIN_REASON = 10;
    static final int MAX_REASON = 500;

    /**
     * Checks the parameters of a reading and tells its kind.
     * @param subjects the value of each subject parameter of the layout (by parameter name), null when not given
     * @throws ProblemException 400 for any reading the rules do not allow
     */
    public static AuditQuery of(AuditLayout layout, Map<String, ?> subjects, Instant from, Instant to, String actor, String reason,
            String incident, long afterSeq, int limit) {
        String cleanActor = blankToNull(actor);
        String cleanReason = blankToNull(reason);
        String cleanIncident = blankToNull(incident);
        boolean period = from != null || to != null;
        AuditLayout.Subject subject = null;
        int criteria = period || cleanActor != null ? 1 : 0;
        for (AuditLayout.Subject s : layout.subjects()) {
            if (subjects.get(s.parameter()) != null) {
                subject = s;
                criteria++;
            }
        }
        if (criteria != 1) {
            throw invalid("invalid-audit-query", "Give exactly one of "
                    + layout.subjects().stream().map(AuditLayout.Subject::parameter).collect(Collectors.joining(", "))
                    + ", a period (from and to), or an actor with a period.");
        }
        if (cleanReason != null && (cleanReason.length() < MIN_REASON || cleanReason.length() > MAX_REASON)) {
            throw invalid("invalid-reason", "'reason' must say why the trail is read, in " + MIN_REASON + " to " + MAX_REASON
                    + " characters.");
        }
        if (subject != null) {
            if (cleanIncident != null) {
                throw invalid("invalid-audit-query", "'incident' goes with an actor's reading only.");
            }
            return new AuditQuery(subject.kind(), subject, subjects.get(subject.parameter()), null, null, null, cleanReason, null,
                    afterSeq, limit);
        }
        if (from == null || to == null) {
            throw invalid("invalid-audit-query", "A reading by period, or by actor, needs both 'from' and 'to'.");
        }
        if (!from.isBefore(to)) {
            throw invalid("invalid-period", "'from' must be before 'to'.");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw invalid("period-too-long", "A reading covers at most 31 days; read a longer period month by month, each "
                    + "with its reason.");
        }
        if (cleanReason == null) {
            throw invalid("reason-required", "A reading by period or by actor needs a 'reason' (" + MIN_REASON + " to "
                    + MAX_REASON + " characters): it is recorded with the reading.");
        }
        if (cleanActor == null) {
            if (cleanIncident != null) {
                throw invalid("invalid-audit-query", "'incident' goes with an actor's reading only.");
            }
            return new AuditQuery(PERIOD, null, null, from, to, null, cleanReason, null, afterSeq, limit);
        }
        if (cleanActor.length() > 100) {
            throw invalid("invalid-parameter", "'actor' is a username of at most 100 characters.");
        }
        if (cleanIncident == null || !INCIDENT.matcher(cleanIncident).matches()) {
            throw invalid("incident-required", "The actions of one person are read only to investigate an incident: give "
                    + "'incident', its reference in the security-incident register (INC-<year>-<number>, e.g. INC-2026-0042).");
        }
        return new AuditQuery(ACTOR, null, null, from, to, cleanActor, cleanReason, cleanIncident, afterSeq, limit);
    }

    /** The filter as recorded in the trail of readings. */
    public Map<String, Object> filter() {
        Map<String, Object> f = new LinkedHashMap<>();
        if (subject != null) {
            f.put(subject.parameter(), subjectValue.toString());
        }
        put(f, "from", from);
        put(f, "to", to);
        put(f, "actor", actor);
        f.put("afterSeq", afterSeq);
        f.put("limit", limit);
        return f;
    }

    private static void put(Map<String, Object> f, String name, Object value) {
        if (value != null) {
            f.put(name, value.toString());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static ProblemException invalid(String slug, String detail) {
        return ProblemException.badRequest(slug, "Invalid audit query", detail);
    }
}
