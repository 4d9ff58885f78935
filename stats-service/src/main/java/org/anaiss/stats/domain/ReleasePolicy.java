package org.anaiss.stats.domain;

import static org.anaiss.stats.domain.Dimension.ACTION_THEME;
import static org.anaiss.stats.domain.Dimension.AGE_BAND;
import static org.anaiss.stats.domain.Dimension.CHANNEL;
import static org.anaiss.stats.domain.Dimension.ORIGIN;
import static org.anaiss.stats.domain.Dimension.REGION;
import static org.anaiss.stats.domain.Dimension.RESPONSE;
import static org.anaiss.stats.domain.Dimension.SEX;
import static org.anaiss.stats.domain.Dimension.SIGNAL_TYPE;
import static org.anaiss.stats.domain.Dimension.THEME;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The release policy, in one place: every table stats-service may publish, what it describes, the
 * dimensions it may be broken down by, its granularities, and whether it may be broken down by
 * region at all. The service enforces it (a producer schema declaring anything else stops the
 * startup; a question outside it is refused) and docs/stats.md renders it ({@link #markdown()},
 * checked by a test).
 * <p>
 * Measures of the public served may be broken down by region, where the producer's staff rule
 * holds (a region's figures are the work of several staff; otherwise the producer marks the region
 * suppressed). Measures of the outcomes of the service's work are released nationally only: by
 * region they would rank the funds.
 */
public final class ReleasePolicy {

    /** What a measure describes, which decides where it may be released. */
    public enum Describes {
        PUBLIC_SERVED("the public served"), OUTCOME("outcomes of the service's work");

        private final String text;

        Describes(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** How far down a measure may be broken down in space. */
    public enum Level {
        /** By region, under the producer's staff rule (suppressed regions are masked). */
        REGIONAL,
        /** The whole network only: no region dimension, no region filter. */
        NATIONAL
    }

    /** One line of the policy. */
    public record Rule(String producer, String measure, Describes describes, Level level, List<Dimension> dimensions,
            Set<Granularity> granularities) {

        public Rule {
            dimensions = List.copyOf(dimensions);
            granularities = Set.copyOf(granularities);
            if ((level == Level.REGIONAL) != dimensions.contains(REGION)) {
                throw new IllegalArgumentException(measure + ": a regional measure has the region dimension, a national one has not");
            }
            if (describes == Describes.OUTCOME && level != Level.NATIONAL) {
                throw new IllegalArgumentException(measure + ": outcomes of the service's work are national only");
            }
        }
    }

    private static final Set<Granularity> ALL = EnumSet.allOf(Granularity.class);
    private static final String CASES = "case-service";
    private static final String OUTREACH = "outreach-service";

    /** The policy. Changing it is a decision about what may be published: docs/stats.md renders it. */
    public static final List<Rule> RULES = List.of(
            new Rule(CASES, "cases_opened", Describes.PUBLIC_SERVED, Level.REGIONAL,
                    List.of(REGION, AGE_BAND, SEX, THEME, ORIGIN), ALL),
            new Rule(CASES, "persons_accompanied", Describes.PUBLIC_SERVED, Level.REGIONAL,
                    List.of(REGION, AGE_BAND, SEX, THEME, ORIGIN), ALL),
            new Rule(CASES, "cases_closed", Describes.OUTCOME, Level.NATIONAL, List.of(AGE_BAND, SEX, THEME, ORIGIN), ALL),
            new Rule(OUTREACH, "offers_sent", Describes.PUBLIC_SERVED, Level.REGIONAL, List.of(REGION, SIGNAL_TYPE, CHANNEL), ALL),
            new Rule(OUTREACH, "people_invited", Describes.PUBLIC_SERVED, Level.REGIONAL, List.of(REGION, ACTION_THEME), ALL),
            new Rule(OUTREACH, "offer_responses", Describes.OUTCOME, Level.NATIONAL, List.of(SIGNAL_TYPE, CHANNEL, RESPONSE), ALL),
            // registering answers an invitation: registered / invited by region would be an uptake rate per fund
            new Rule(OUTREACH, "people_registered", Describes.OUTCOME, Level.NATIONAL, List.of(ACTION_THEME), ALL),
            new Rule(OUTREACH, "people_attended", Describes.OUTCOME, Level.NATIONAL, List.of(ACTION_THEME), ALL),
            new Rule(OUTREACH, "sessions_held", Describes.OUTCOME, Level.NATIONAL, List.of(ACTION_THEME), ALL));

    private ReleasePolicy() {
    }

    public static Optional<Rule> rule(String producer, String measure) {
        return RULES.stream().filter(r -> r.producer().equals(producer) && r.measure().equals(measure)).findFirst();
    }

    /** Any producer's rule for this measure name (names are unique across producers today). */
    public static List<Rule> rulesOf(String measure) {
        return RULES.stream().filter(r -> r.measure().equals(measure)).toList();
    }

    /**
     * Why a table a producer declares may not be published as declared, or empty when it may: it
     * must be in the policy with exactly its dimensions, and only a regional table may carry the
     * suppression marker.
     */
    public static Optional<String> refusal(TableDefinition table) {
        Optional<Rule> rule = rule(table.producer(), table.measure());
        if (rule.isEmpty()) {
            return Optional.of(table.producer() + " declares " + table.measure() + ", which the release policy does not list");
        }
        if (!rule.get().dimensions().equals(table.dimensions())) {
            return Optional.of(table.producer() + "/" + table.measure() + " declares the dimensions "
                    + names(table.dimensions()) + "; the release policy allows " + names(rule.get().dimensions()));
        }
        if (table.suppressible() && rule.get().level() != Level.REGIONAL) {
            return Optional.of(table.producer() + "/" + table.measure() + " is national only: it has no region to suppress");
        }
        if (!table.suppressible() && rule.get().level() == Level.REGIONAL) {
            return Optional.of(table.producer() + "/" + table.measure()
                    + " is regional: its cells must accept the producer's suppression marker");
        }
        return Optional.empty();
    }

    private static String names(List<Dimension> dimensions) {
        return dimensions.stream().map(Dimension::apiName).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The policy as the Markdown table docs/stats.md holds between its release-policy markers. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| producer | measure | describes | released | dimensions | granularities |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Rule r : RULES) {
            sb.append("| ").append(r.producer()).append(" | `").append(r.measure()).append("` | ").append(r.describes().text())
                    .append(" | ").append(r.level() == Level.REGIONAL ? "by region, under the staff rule" : "nationally only")
                    .append(" | ").append(r.dimensions().stream().map(d -> "`" + d.apiName() + "`").collect(Collectors.joining(", ")))
                    .append(" | ").append(EnumSet.copyOf(r.granularities()).stream().map(Enum::name).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
