package org.anaiss.stats.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The allowed dimensions, all of them: the public served (region, age band, sex, theme, origin) and
 * collective actions and offers (signal type, channel, response, action theme). This list is the
 * whitelist: a producer schema naming any other dimension is refused at startup, a message carrying
 * one is rejected, and a query asking for one is answered 400. Each has its column in table cell.
 */
public enum Dimension {
    REGION("region", "region"),
    AGE_BAND("ageBand", "age_band"),
    SEX("sex", "sex"),
    THEME("theme", "theme"),
    ORIGIN("origin", "origin"),
    SIGNAL_TYPE("signalType", "signal_type"),
    CHANNEL("channel", "channel"),
    RESPONSE("response", "response"),
    ACTION_THEME("actionTheme", "action_theme");

    private final String apiName;
    private final String column;

    Dimension(String apiName, String column) {
        this.apiName = apiName;
        this.column = column;
    }

    /** The name used in producer schemas, in the API and in CSV headers. */
    public String apiName() {
        return apiName;
    }

    /** The column of table cell; constant, so safe to put in SQL text. */
    public String column() {
        return column;
    }

    /** Bit of this dimension in a grouping-set mask; the ordinal is stable because the cells store it. */
    public int bit() {
        return 1 << ordinal();
    }

    public static Optional<Dimension> byApiName(String name) {
        return Arrays.stream(values()).filter(d -> d.apiName.equals(name)).findFirst();
    }

    public static List<String> apiNames() {
        return Arrays.stream(values()).map(Dimension::apiName).toList();
    }
}
