package org.anaiss.outreach.repository;

import java.util.List;

/**
 * The measures outreach-service publishes on stats-aggregates, with their fixed dimensions and the
 * query counting them for a period ($1 inclusive start, $2 exclusive end), every grouping set at once
 * (GROUP BY CUBE: null means all). Dimensions are only those DESIGN.md §3 allows: no campaign name,
 * no officer, no social worker, no person, no free text. Distinct people are counted here, per period.
 * <p>
 * Measures of the public reached (offers sent, people invited) are broken down by region, under the
 * staff rule: their {@code staff} query gives, per region, each unit counted and the officer whose
 * campaign or collective action it belongs to. Outcomes of the service's work (responses,
 * registrations, attendance, sessions held) are national only: by region they would rank the funds.
 */
public final class StatsMeasures {

    /** @param staff null for a national measure; else rows of (region, officer, unit) for the period */
    public record Measure(String name, List<String> dimensions, String query, String staff) {

        public boolean regional() {
            return staff != null;
        }
    }

    public static final Measure OFFERS_SENT = new Measure("offers_sent", List.of("region", "signalType", "channel"),
            "select region, signal_type, channel, count(*) from offer where sent_at >= $1 and sent_at < $2 "
                    + "group by cube (region, signal_type, channel)",
            "select o.region, c.created_by, o.id::text from offer o join campaign c on c.id = o.campaign_id "
                    + "where o.sent_at >= $1 and o.sent_at < $2");

    public static final Measure PEOPLE_INVITED = new Measure("people_invited", List.of("region", "actionTheme"),
            "select a.region, a.theme, count(distinct i.person_key) from invitation i join collective_action a on a.id = i.action_id "
                    + "where i.status = 'SENT' and i.sent_at >= $1 and i.sent_at < $2 group by cube (a.region, a.theme)",
            "select a.region, a.created_by, i.person_key from invitation i join collective_action a on a.id = i.action_id "
                    + "where i.status = 'SENT' and i.sent_at >= $1 and i.sent_at < $2");

    public static final Measure OFFER_RESPONSES = new Measure("offer_responses", List.of("signalType", "channel", "response"),
            "select signal_type, channel, status, count(*) from offer "
                    + "where status in ('ACCEPTED', 'DECLINED', 'POSTPONED', 'NO_RESPONSE') "
                    + "and coalesce(answered_at, closed_at) >= $1 and coalesce(answered_at, closed_at) < $2 "
                    + "group by cube (signal_type, channel, status)", null);

    public static final Measure SESSIONS_HELD = new Measure("sessions_held", List.of("actionTheme"),
            "select a.theme, count(*) from action_session s join collective_action a on a.id = s.action_id "
                    + "where s.held and s.starts_at >= $1 and s.starts_at < $2 group by cube (a.theme)", null);

    /** By the period of the session; people registered (holding a seat), waiting lists not counted. */
    public static final Measure PEOPLE_REGISTERED = new Measure("people_registered", List.of("actionTheme"),
            "select a.theme, count(distinct r.person_key) from registration r join action_session s on s.id = r.session_id "
                    + "join collective_action a on a.id = r.action_id where r.status = 'REGISTERED' "
                    + "and s.starts_at >= $1 and s.starts_at < $2 group by cube (a.theme)", null);

    public static final Measure PEOPLE_ATTENDED = new Measure("people_attended", List.of("actionTheme"),
            "select a.theme, count(distinct r.person_key) from registration r join action_session s on s.id = r.session_id "
                    + "join collective_action a on a.id = r.action_id where r.status = 'REGISTERED' and r.attended "
                    + "and s.starts_at >= $1 and s.starts_at < $2 group by cube (a.theme)", null);

    public static final List<Measure> ALL = List.of(OFFERS_SENT, PEOPLE_INVITED, OFFER_RESPONSES, SESSIONS_HELD, PEOPLE_REGISTERED,
            PEOPLE_ATTENDED);

    private StatsMeasures() {
    }
}
