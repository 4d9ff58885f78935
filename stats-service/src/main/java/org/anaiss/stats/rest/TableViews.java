package org.anaiss.stats.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.service.TableAnswer;
import org.anaiss.stats.service.TableQuery;
import org.anaiss.stats.rest.api.TableView;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A protected answer as JSON or as CSV, with the same rows and the same metadata. */
final class TableViews {

    static final String NOISE_DISTRIBUTION = "P(noise = n) = (1-a)/(1+a) * a^|n|, a = exp(-epsilon)";
    static final String NOTE = "Each figure is its count plus its own noise, the same in every answer that shows it and "
            + "forever: a period is released once, after it closes, and never recomputed. Figures below the threshold are "
            + "masked (reason below-threshold); every figure of a region whose figures would be the work of too few staff "
            + "is masked (reason unit-too-small), and national totals still count it. Totals are published counts of their "
            + "own, not sums of the rows: they differ from the sums by the noise.";

    private TableViews() {
    }

    /**
     * The JSON of a {@link TableView} (the documented schema), written row by row: the same document,
     * without a map per row (an answer can hold tens of thousands of rows).
     */
    static byte[] jsonBytes(TableAnswer answer, ObjectMapper mapper) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 64 * answer.rows().size());
        String[] names = answer.dimensions().stream().map(Dimension::apiName).toArray(String[]::new);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("metadata");
            mapper.writeValue(g, metadata(answer));
            g.writeArrayFieldStart("rows");
            for (TableAnswer.Row r : answer.rows()) {
                g.writeStartObject();
                g.writeStringField("period", r.period());
                for (int i = 0; i < names.length; i++) {
                    g.writeStringField(names[i], r.values()[i]);
                }
                if (r.value() == null) {
                    g.writeNullField("value");
                } else {
                    g.writeNumberField("value", r.value().intValue());
                }
                g.writeBooleanField("masked", r.masked());
                if (r.reason() != null) {
                    g.writeStringField("reason", r.reason());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static TableView.Metadata metadata(TableAnswer answer) {
        TableQuery q = answer.query();
        TableAnswer.Protection p = answer.protection();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        q.table().dimensions().stream().filter(q.filters()::containsKey).forEach(d -> filters.put(d.apiName(), q.filters().get(d)));
        return new TableView.Metadata(q.table().producer(), q.table().measure(), q.granularity().name(),
                TableQuery.FIRST.equals(q.from()) ? null : q.from(), TableQuery.LAST.equals(q.to()) ? null : q.to(),
                q.groupBy().stream().map(Dimension::apiName).toList(), filters, answer.rows().size(),
                new TableView.Protection(p.method(), p.epsilon(), p.threshold(), p.noiseKeyId(), NOISE_DISTRIBUTION, NOTE),
                answer.generatedAt(),
                answer.sources().stream().map(s -> new TableView.Source(s.period(), s.version(), s.eventId(),
                        s.producedAt(), s.receivedAt(), s.noiseKeyId(), s.epsilon())).toList());
    }

    /** The distinct noise key ids of the sources, in period order ("none" without a source). */
    static String keyIds(TableAnswer answer) {
        String ids = answer.sources().stream().map(s -> s.noiseKeyId()).distinct().collect(Collectors.joining(" "));
        return ids.isEmpty() ? "none" : ids;
    }

    /** The distinct epsilons of the sources, in period order ("none" without a source). */
    static String epsilons(TableAnswer answer) {
        String eps = answer.sources().stream().map(s -> String.valueOf(s.epsilon())).distinct().collect(Collectors.joining(" "));
        return eps.isEmpty() ? "none" : eps;
    }

    /**
     * RFC 4180 rows after "#" comment lines carrying the metadata, so a saved file keeps how it was
     * protected (read it with a comment character, e.g. pandas comment='#'). Values are enum names
     * and numbers: nothing to quote.
     */
    static String csv(TableAnswer answer) {
        TableView.Metadata m = metadata(answer);
        StringBuilder sb = new StringBuilder(64 * (answer.rows().size() + 12));
        sb.append("# ANAISS statistics: ").append(m.producer()).append(' ').append(m.measure()).append(", ")
                .append(m.granularity()).append(", from ").append(m.from() == null ? "first" : m.from())
                .append(" to ").append(m.to() == null ? "last" : m.to()).append("\r\n");
        sb.append("# groupBy: ").append(String.join(" ", m.groupBy())).append("; filters: ")
                .append(m.filters().entrySet().stream().map(e -> e.getKey() + "=" + String.join("|", e.getValue()))
                        .collect(Collectors.joining(" ")))
                .append("\r\n");
        sb.append("# protection: ").append(m.protection().method()).append("\r\n");
        sb.append("# epsilon: ").append(epsilons(answer)).append("; threshold: ").append(m.protection().threshold())
                .append("; noise key id: ").append(keyIds(answer)).append("; ").append(NOISE_DISTRIBUTION)
                .append("\r\n");
        sb.append("# generatedAt: ").append(m.generatedAt()).append("\r\n");
        sb.append("# released sources (period:version:noise key id): ").append(m.sources().stream()
                .map(s -> s.period() + ":" + s.version() + ":" + s.noiseKeyId()).collect(Collectors.joining(" "))).append("\r\n");
        sb.append("period");
        answer.dimensions().forEach(d -> sb.append(',').append(d.apiName()));
        sb.append(",value,masked,reason\r\n");
        for (TableAnswer.Row r : answer.rows()) {
            sb.append(r.period());
            for (String v : r.values()) {
                sb.append(',').append(v);
            }
            sb.append(',').append(r.value() == null ? "" : r.value().toString()).append(',').append(r.masked()).append(',')
                    .append(r.reason() == null ? "" : r.reason()).append("\r\n");
        }
        return sb.toString();
    }
}
