package org.anaiss.gateway.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages' words, from message bundles ({@code web/messages_<lang>.properties}, UTF-8): French first,
 * English available. A key missing from a bundle shows itself (MessagesTest keeps the bundles complete).
 */
public final class Messages {

    public static final String FRENCH = "fr";
    public static final List<String> LANGUAGES = List.of("fr", "en");
    private static final Map<String, Messages> BY_LANGUAGE = new ConcurrentHashMap<>();

    private final String language;
    private final Locale locale;
    private final Properties texts;

    private Messages(String language) {
        this.language = language;
        this.locale = Locale.forLanguageTag(language);
        this.texts = load(language);
    }

    /** The bundle of a language of {@link #LANGUAGES}; French for anything else. */
    public static Messages of(String language) {
        String lang = LANGUAGES.contains(language) ? language : FRENCH;
        return BY_LANGUAGE.computeIfAbsent(lang, Messages::new);
    }

    public String language() {
        return language;
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key) {
        String text = texts.getProperty(key);
        return text == null ? key : text;
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** A message with arguments ({0}, {1} … in MessageFormat's syntax). */
    public String format(String key, Object... args) {
        return new MessageFormat(get(key), locale).format(args);
    }

    Properties texts() {
        return texts;
    }

    static Properties load(String language) {
        Properties p = new Properties();
        String resource = "web/messages_" + language + ".properties";
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return p;
    }
}
