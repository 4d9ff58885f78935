package org.anaiss.outreach.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real SMTP server's mailboxes (GreenMail, its REST API): what a person actually received.
 * Each test uses addresses of its own.
 */
public final class Mailbox {

    public static final String API = System.getenv().getOrDefault("ANAISS_MAIL_API_URL", "http://127.0.0.1:8025/api");
    private static final Pattern ANSWER_LINK = Pattern.compile("/o/([A-Za-z0-9_-]{43})");
    private static final Pattern REGISTRATION_LINK = Pattern.compile("/i/([A-Za-z0-9_-]{43})");

    private Mailbox() {
    }

    /** A fresh address nobody else uses. */
    public static String newAddress(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 12) + "@test.anaiss.invalid";
    }

    /** Messages received by one address (each with subject, Message-ID and the raw MIME text). */
    public static List<Map<String, Object>> messages(String address) {
        var r = given().baseUri(API).get("/user/" + address + "/messages/INBOX");
        if (r.statusCode() == 404 || r.statusCode() == 400) {
            return List.of();
        }
        return r.then().statusCode(200).extract().jsonPath().getList("$");
    }

    public static int count(String address) {
        return messages(address).size();
    }

    public static String raw(Map<String, Object> message) {
        return decode(String.valueOf(message.get("mimeMessage")));
    }

    /** The answer token of the first message received by the address. */
    public static String answerToken(String address) {
        return find(ANSWER_LINK, address);
    }

    public static String registrationToken(String address) {
        return find(REGISTRATION_LINK, address);
    }

    private static String find(Pattern pattern, String address) {
        for (Map<String, Object> m : messages(address)) {
            Matcher matcher = pattern.matcher(raw(m));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** Undo quoted-printable soft breaks and escapes, enough to find links and words in the text. */
    static String decode(String mime) {
        String joined = mime.replace("=\r\n", "").replace("=\n", "");
        StringBuilder out = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length() && isHex(joined.charAt(i + 1)) && isHex(joined.charAt(i + 2))) {
                bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(c);
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
