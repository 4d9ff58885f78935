package org.anaiss.platform.audit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a service's audit table names the subjects of a record (case-service: case_id and person_id;
 * outreach-service: person_key), and the pace of its background verification. Each service produces
 * one as a bean; the columns common to every trail (seq, at, actor, actor_role, action, record_type,
 * record_id, request_id, chain, prev_hash, hash) and the SQL functions audit_content,
 * audit_record_chain, audit_ensure_partitions and audit_drop_partitions_before are described in
 * docs/audit.md and created by the service's own migrations.
 *
 * @param columns the service's own columns (its record's subjects), in their order in audit_content, between
 *        record_id and request_id
 * @param subjects what the DPO may read the trail by (one of the columns, or record_id)
 */
public record AuditLayout(List<String> columns, List<Subject> subjects, int chunkSize, int maxAttempts) {

    /**
     * A column by which the DPO reads the trail.
     * @param kind the reading's filter kind, as recorded in audit_reading (CASE, PERSON...)
     * @param parameter the query parameter that names it (caseId...)
     * @param column its column in audit_record; a name written in code, never taken from a request
     */
    public record Subject(String kind, String parameter, String column) {
    }

    public AuditLayout {
        columns = List.copyOf(columns);
        subjects = List.copyOf(subjects);
    }

    /** The service's own columns, comma-separated, each prefixed with {@code alias.} when an alias is given. */
    String columns(String alias) {
        return columns.stream().map(c -> alias == null ? c : alias + "." + c).collect(Collectors.joining(", "));
    }

    /** What a record's hash covers, as the chaining trigger computes it, for the row aliased {@code alias}. */
    String content(String alias) {
        String a = alias + ".";
        return "audit_content(" + a + "seq, " + a + "at, " + a + "actor, " + a + "actor_role, " + a + "action, " + a
                + "record_type, " + a + "record_id, " + columns(alias) + ", " + a + "request_id, " + a + "chain)";
    }
}
