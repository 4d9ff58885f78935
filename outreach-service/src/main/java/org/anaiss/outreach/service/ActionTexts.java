package org.anaiss.outreach.service;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.CollectiveAction;

/** The fixed messages about registrations (confirmation, waiting list, promotion, reminder). */
final class ActionTexts {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm");

    private ActionTexts() {
    }

    static String when(ActionSession s, ZoneId zone) {
        return WHEN.format(s.startsAt.atZone(zone));
    }

    static String where(ActionSession s) {
        return s.place != null ? s.place : "en visioconférence : " + s.videoUrl;
    }

    static String sessions(List<ActionSession> sessions, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        for (ActionSession s : sessions) {
            sb.append("- le ").append(when(s, zone)).append(", ").append(where(s)).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    static String registered(Attendee a, CollectiveAction action, ActionSession s, ZoneId zone, String url) {
        return "Bonjour " + a.firstName() + " " + a.lastName() + ",\n\nVotre inscription à « " + action.title + " » le "
                + when(s, zone) + " (" + where(s) + ") est enregistrée.\n\nPour l'annuler ou l'ajouter à votre agenda : " + url
                + "\n\nLe service social de l'Assurance Maladie";
    }

    static String waiting(Attendee a, CollectiveAction action, ActionSession s, ZoneId zone, String url) {
        return "Bonjour " + a.firstName() + " " + a.lastName() + ",\n\nLa séance « " + action.title + " » du " + when(s, zone)
                + " est complète : vous êtes sur la liste d'attente. Nous vous écrirons dès qu'une place se libère.\n\n"
                + "Pour vous retirer de la liste : " + url + "\n\nLe service social de l'Assurance Maladie";
    }

    static String promoted(Attendee a, CollectiveAction action, ActionSession s, ZoneId zone, String url) {
        return "Bonjour " + a.firstName() + " " + a.lastName() + ",\n\nUne place s'est libérée : vous êtes inscrit(e) à « "
                + action.title + " » le " + when(s, zone) + " (" + where(s) + ").\n\nSi vous ne pouvez pas venir, annulez ici "
                + "pour laisser la place : " + url + "\n\nLe service social de l'Assurance Maladie";
    }

    static String reminder(String firstName, String lastName, String title, String when, String where, String url) {
        return "Bonjour " + firstName + " " + lastName + ",\n\nNous vous rappelons « " + title + " » le " + when + " (" + where
                + ").\n\nSi vous ne pouvez pas venir, annulez ici pour laisser la place : " + url
                + "\n\nLe service social de l'Assurance Maladie";
    }
}
