package org.anaiss.outreach.service;

import java.util.List;

/**
 * The measures outreach-service publishes on stats-aggregates, with their fixed dimensions and the
 * query counting them for a period ($1 inclusive start, $2 exclusive end), every grouping set at once
 * (GROUP BY CUBE: null means all). Dimensions are only those DESIGN.md §3 allows: no campaign name,
 * no officer, no social worker, no person, no free text. Distinct people are counted here, per period.
 */
final class StatsMeasures {

    record Measure(String name, List<String> dimensions, String query) {
    }

    static final Measure OFFERS_SENT = new Measure("offers_sent", List.of("region", "signalType", "channel"),
            "select region, signal_type, channel, count(*) from offer where sent_at >= $1 and sent_at < $2 "
                    + "group by cube (region, signal_type, channel)");

    static final Measure OFFER_RESPONSES = new Measure("offer_responses", List.of("region", "signalType", "channel", "response"),
            "select region, signal_type, channel, status, count(*) from offer "
                    + "where status in ('ACCEPTED', 'DECLINED', 'POSTPONED', 'NO_RESPONSE') "
                    + "and coalesce(answered_at, closed_at) >= $1 and coalesce(answered_at, closed_at) < $2 "
                    + "group by cube (region, signal_type, channel, status)");

    static final Measure SESSIONS_HELD = new Measure("sessions_held", List.of("region", "actionTheme"),
            "select a.region, a.theme, count(*) from action_session s join collective_action a on a.id = s.action_id "
                    + "where s.held and s.starts_at >= $1 and s.starts_at < $2 group by cube (a.region, a.theme)");

    static final Measure PEOPLE_INVITED = new Measure("people_invited", List.of("region", "actionTheme"),
            "select a.region, a.theme, count(distinct i.person_key) from invitation i join collective_action a on a.id = i.action_id "
                    + "where i.status = 'SENT' and i.sent_at >= $1 and i.sent_at < $2 group by cube (a.region, a.theme)");

    /** By the period of the session; people registered (holding a seat), waiting lists not counted. */
    static final Measure PEOPLE_REGISTERED = new Measure("people_registered", List.of("region", "actionTheme"),
            "select a.region, a.theme, count(distinct r.person_key) from registration r join action_session s on s.id = r.session_id "
                    + "join collective_action a on a.id = r.action_id where r.status = 'REGISTERED' "
                    + "and s.starts_at >= $1 and s.starts_at < $2 group by cube (a.region, a.theme)");

    static final Measure PEOPLE_ATTENDED = new Measure("people_attended", List.of("region", "actionTheme"),
            "select a.region, a.theme, count(distinct r.person_key) from registration r join action_session s on s.id = r.session_id "
                    + "join collective_action a on a.id = r.action_id where r.status = 'REGISTERED' and r.attended "
                    + "and s.starts_at >= $1 and s.starts_at < $2 group by cube (a.region, a.theme)");

    static final List<Measure> ALL = List.of(OFFERS_SENT, OFFER_RESPONSES, SESSIONS_HELD, PEOPLE_INVITED, PEOPLE_REGISTERED,
            PEOPLE_ATTENDED);

    private StatsMeasures() {
    }
}
