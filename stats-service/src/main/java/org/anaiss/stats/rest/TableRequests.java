package org.anaiss.stats.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import org.anaiss.platform.problem.Params;
import org.anaiss.platform.problem.ProblemException;
import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.ReleasePolicy;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.service.SchemaCatalog;
import org.anaiss.stats.service.TableQuery;

/**
 * Reads a table request from its query parameters. Every parameter that is not one of the few
 * named ones is a filter, and must be an allowed dimension of the table; a name outside the allowed
 * dimensions (a breakdown or filter by staff, unit, site or person, or anything else) is refused
 * with the reason: it is not a permitted purpose of this system. Details never quote values sent.
 */
@ApplicationScoped
public class TableRequests {

    static final Set<String> PARAMETERS = Set.of("granularity", "from", "to", "groupBy", "producer");
    private static final String MEASURE = "[a-z][a-z0-9_]{0,49}";
    private static final String NAME = "[A-Za-z0-9_.-]{1,40}";
    private final SchemaCatalog catalog;

    public TableRequests(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    public TableQuery parse(String measure, MultivaluedMap<String, String> params) {
        TableDefinition table = table(measure, single(params, "producer"));
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                dimension(table, name);
            }
        }
        String granularityName = single(params, "granularity");
        if (granularityName == null) {
            throw invalid("'granularity' is required: one of " + Arrays.toString(Granularity.values()) + ".");
        }
        Granularity granularity = Params.enumValue(Granularity.class, "granularity", granularityName);
        if (!ReleasePolicy.rule(table.producer(), table.measure()).orElseThrow().granularities().contains(granularity)) {
            throw invalid(table.measure() + " is not released by " + granularity + ".");
        }
        String from = period(granularity, "from", single(params, "from"));
        String to = period(granularity, "to", single(params, "to"));
        if (from != null && to != null && from.compareTo(to) > 0) {
            throw invalid("'from' must not be after 'to'.");
        }
        List<Dimension> groupBy = new ArrayList<>();
        for (String name : list(params.get("groupBy"))) {
            Dimension d = dimension(table, name);
            if (groupBy.contains(d)) {
                throw invalid("'groupBy' names " + d.apiName() + " twice.");
            }
            groupBy.add(d);
        }
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                Dimension d = dimension(table, name);
                List<String> values = list(params.get(name));
                if (values.isEmpty() || !table.domain(d).containsAll(values)) {
                    throw invalid("The filter on " + d.apiName() + " takes one or more of " + table.domain(d)
                            + ", separated by commas.");
                }
                filters.put(d, values.stream().distinct().toList());
            }
        }
        return new TableQuery(table, granularity, from, to, groupBy, filters);
    }

    private TableDefinition table(String measure, String producer) {
        if (measure == null || !measure.matches(MEASURE)) {
            throw ProblemException.notFound("This table");
        }
        List<TableDefinition> tables = catalog.tablesOf(measure).stream()
                .filter(t -> producer == null || t.producer().equals(producer)).toList();
        if (tables.isEmpty()) {
            throw ProblemException.notFound("This table");
        }
        if (tables.size() > 1) {
            throw invalid("Several producers publish " + measure + ": name one with 'producer' ("
                    + tables.stream().map(TableDefinition::producer).toList() + ").");
        }
        return tables.get(0);
    }

    private static Dimension dimension(TableDefinition table, String name) {
        Dimension d = Dimension.byApiName(name).orElseThrow(() -> notPermitted(name));
        ReleasePolicy.Rule rule = ReleasePolicy.rule(table.producer(), table.measure()).orElseThrow();
        if (d == Dimension.REGION && rule.level() == ReleasePolicy.Level.NATIONAL) {
            throw nationalOnly(rule);
        }
        if (!table.has(d)) {
            throw invalid(d.apiName() + " is not a dimension of " + table.measure() + ": its dimensions are "
                    + table.dimensions().stream().map(Dimension::apiName).toList() + ".");
        }
        return d;
    }

    /** The refusal of the purpose this system must never serve. */
    static ProblemException notPermitted(String name) {
        String shown = name != null && name.matches(NAME) ? "'" + name + "'" : "This parameter";
        return new ProblemException(400, "not-a-permitted-purpose", "Not a permitted purpose",
                shown + " is not an allowed dimension. Statistics here describe the public served and collective actions, "
                        + "never the staff or units who serve them, nor any individual person: breakdowns or filters by "
                        + "staff, unit, site, service or person are not a permitted purpose of this system. Allowed dimensions: "
                        + String.join(", ", Dimension.apiNames()) + "; other parameters: granularity, from, to, groupBy, producer.",
                Map.of("allowedDimensions", Dimension.apiNames()));
    }

    /** The refusal of a regional breakdown of an outcome: it would rank the funds. */
    static ProblemException nationalOnly(ReleasePolicy.Rule rule) {
        return new ProblemException(400, "not-a-permitted-purpose", "Not a permitted purpose",
                rule.measure() + " describes " + rule.describes().text() + " and is released nationally only: broken down or "
                        + "filtered by region it would compare, score or rank the regional funds, which is not a permitted purpose "
                        + "of this system. Ask for the national figures (no region parameter); its dimensions are "
                        + rule.dimensions().stream().map(Dimension::apiName).toList() + ".",
                Map.of("releasedNationallyOnly", true));
    }

    private static String period(Granularity granularity, String name, String value) {
        if (value == null) {
            return null;
        }
        if (!granularity.accepts(value)) {
            throw invalid("'" + name + "' must be a " + granularity + " period such as " + granularity.example() + ".");
        }
        return value;
    }

    private static String single(MultivaluedMap<String, String> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid("'" + name + "' may be given once.");
        }
        String v = values.get(0).trim();
        return v.isEmpty() ? null : v;
    }

    /** Repeated parameters and comma-separated values alike. */
    private static List<String> list(List<String> raw) {
        List<String> values = new ArrayList<>();
        if (raw != null) {
            for (String r : raw) {
                for (String v : r.split(",", -1)) {
                    if (!v.isBlank()) {
                        values.add(v.trim());
                    }
                }
            }
        }
        return values;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-parameter", "Invalid parameter", detail);
    }
}
