package org.anaiss.gateway.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * outreach-service's public link API as the stand-in outreach service answers it, with state: an offer
 * link works until it is answered (then 404 with {@code "gone": true}, as outreach-service says it);
 * a token starting with {@code U} is unknown (404); an invitation's only session is full, so a
 * registration goes to the waiting list, and a second one is refused (409).
 */
public final class FakeLinks {

    /** One answer that reached the service: the link's token and the body sent. */
    public record Answer(String token, String path, String body) {
    }

    public static final String SESSION = "11111111-2222-3333-4444-555555555555";
    private static final Pattern LINK = Pattern.compile("^/api/outreach/(answers|registrations)/([A-Za-z0-9_-]{43})(/[a-z.]+)?$");
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();
    private static final List<Answer> ANSWERS = new CopyOnWriteArrayList<>();

    private FakeLinks() {
    }

    public static List<Answer> answers(String token) {
        return ANSWERS.stream().filter(a -> a.token().equals(token)).toList();
    }

    /** The status and JSON body of the answer, or null when the path is not a public link. */
    static Object[] answer(String method, String path, String body) {
        Matcher m = LINK.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String kind = m.group(1);
        String token = m.group(2);
        String sub = m.group(3) == null ? "" : m.group(3);
        if (token.startsWith("U")) {
            return problem(false);
        }
        if (USED.contains(token)) {
            return problem(true);
        }
        if (kind.equals("answers")) {
            if (method.equals("GET") && sub.isEmpty()) {
                return new Object[] { 200, "{\"subject\":\"Une aide du service social\",\"message\":\"Bonjour Camille TESTNOM\","
                        + "\"answerBefore\":\"2030-01-31T22:59:59Z\",\"status\":\"SENT\",\"choices\":[\"ACCEPTED\",\"DECLINED\",\"POSTPONED\"],"
                        + "\"firstName\":\"Camille\",\"region\":\"" + (token.startsWith("B") ? "BRETAGNE" : "RHONE_ALPES")
                        + "\",\"signalType\":\"SICK_LEAVE_90_DAYS\"}" };
            }
            if (method.equals("POST")) {
                ANSWERS.add(new Answer(token, path, body));
                USED.add(token);
                return new Object[] { 200, sub.isEmpty() ? "{\"status\":\"ACCEPTED\"}" : "{\"status\":\"OBJECTION_RECORDED\"}" };
            }
        } else {
            String mine = REGISTERED.get(token);
            if (method.equals("GET") && sub.isEmpty()) {
                return new Object[] { 200, "{\"title\":\"Garder son emploi\",\"theme\":\"JOB_RETENTION\",\"description\":\"Réunion d'information\","
                        + "\"sessions\":[{\"id\":\"" + SESSION + "\",\"startsAt\":\"2030-01-10T13:00:00Z\",\"durationMinutes\":90,"
                        + "\"place\":\"Carsat, Lyon\",\"seatsLeft\":0}]"
                        + (mine == null ? "" : ",\"registration\":{\"sessionId\":\"" + SESSION + "\",\"status\":\"" + mine + "\"}") + "}" };
            }
            if (method.equals("POST") && sub.isEmpty()) {
                ANSWERS.add(new Answer(token, path, body));
                if (mine != null) {
                    return new Object[] { 409, "{\"type\":\"https://anaiss.example/problems/already-registered\",\"status\":409}" };
                }
                REGISTERED.put(token, "WAITING");
                return new Object[] { 201, "{\"sessionId\":\"" + SESSION + "\",\"status\":\"WAITING\"}" };
            }
            if (method.equals("POST") && sub.equals("/cancel")) {
                ANSWERS.add(new Answer(token, path, body));
                if (REGISTERED.remove(token) == null) {
                    return problem(false);
                }
                return new Object[] { 200, "{\"sessionId\":\"" + SESSION + "\",\"status\":\"CANCELLED\"}" };
            }
        }
        return null;
    }

    private static Object[] problem(boolean gone) {
        return new Object[] { 404, "{\"type\":\"https://anaiss.example/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"This link does not exist or is outside your scope.\"" + (gone ? ",\"gone\":true" : "") + "}" };
    }
}
