package org.anaiss.outreach.service;

import java.time.Instant;
import java.util.Map;

import org.anaiss.outreach.config.OutreachConfig;

import io.vertx.mutiny.sqlclient.SqlConnection;

/** Retention of collective actions. */
final class RetentionHooks {

    private RetentionHooks() {
    }

    /** Collective actions whose last session ended more than the retention delay ago, with everything under them. */
    static void more(SqlConnection conn, Instant now, OutreachConfig config, Map<String, Integer> purged) {
        purged.put("collectiveActions", RetentionJob.run(conn, "delete from collective_action a where not exists (select 1 "
                + "from action_session s where s.action_id = a.id and s.starts_at + s.duration_minutes * interval '1 minute' >= $1) "
                + "and a.created_at < $1", now.minus(config.retention().actionAfterLastSession())));
    }
}
