package org.anaiss.gateway.web.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Web sessions in the gateway's own PostgreSQL database, so that they survive a restart of the gateway
 * and every replica sees the same ones. A row holds the SHA-256 of the session id (never the id), the
 * profile and tokens encrypted with AES-GCM (bound to that row), and the two deadlines; nothing else,
 * and it is deleted when the session ends. The table is the whole schema and its content is disposable
 * (losing it signs everyone out), so it is created here if missing rather than by a migration tool.
 */
public final class SessionStore {

    static final String DDL = """
            create table if not exists web_session (
                id_hash    bytea primary key,
                state      bytea not null,
                idle_until timestamptz not null,
                expires_at timestamptz not null,
                version    integer not null
            );
            create index if not exists web_session_idle_idx on web_session (idle_until);
            create index if not exists web_session_expires_idx on web_session (expires_at)""";

    /** A row read back: what it held, or null when it cannot be read with the current key. */
    public record Ended(WebSession.Tokens tokens) {
    }

    private final Pool pool;
    private final SessionCrypto crypto;
    private volatile Future<Void> schema;

    public SessionStore(Pool pool, SessionCrypto crypto) {
        this.pool = pool;
        this.crypto = crypto;
    }

    /** Creates the table once (retried at the next call if the database was not reachable). */
    Future<Void> ready() {
        Future<Void> current = schema;
        if (current == null || current.failed()) {
            synchronized (this) {
                if (schema == null || schema.failed()) {
                    schema = pool.query(DDL).execute().mapEmpty();
                }
                current = schema;
            }
        }
        return current;
    }

    public Future<Void> insert(WebSession session) {
        byte[] key = SessionCrypto.sha256(session.id());
        return ready().compose(v -> pool.preparedQuery(
                "insert into web_session (id_hash, state, idle_until, expires_at, version) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(Buffer.buffer(key), Buffer.buffer(seal(key, session)), at(session.idleUntil()),
                        at(session.expiresAt()), session.version()))
                .mapEmpty());
    }

    /** The session of this id, or null (unknown, ended, or sealed with another key). */
    public Future<WebSession> find(String id) {
        byte[] key = SessionCrypto.sha256(id);
        return ready().compose(v -> pool.preparedQuery("select state, idle_until, expires_at, version from web_session where id_hash = $1")
                .execute(Tuple.of(Buffer.buffer(key)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    JsonObject state = open(key, row.getBuffer("state").getBytes());
                    if (state == null) {
                        return null;
                    }
                    return new WebSession(id, profile(state.getJsonObject("profile")), tokens(state.getJsonObject("tokens")),
                            row.getOffsetDateTime("idle_until").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
                            row.getInteger("version"));
                }));
    }

    /** Moves the idle deadline (never backwards, whichever replica writes first). */
    public Future<Void> extend(WebSession session) {
        return pool.preparedQuery("update web_session set idle_until = greatest(idle_until, $2) where id_hash = $1")
                .execute(Tuple.of(Buffer.buffer(SessionCrypto.sha256(session.id())), at(session.idleUntil())))
                .mapEmpty();
    }

    /**
     * Stores refreshed tokens if nobody else did meanwhile: true when written, false when another
     * request or replica changed the session first (then read it again).
     */
    public Future<Boolean> replace(WebSession refreshed) {
        byte[] key = SessionCrypto.sha256(refreshed.id());
        return pool.preparedQuery("update web_session set state = $2, version = $3 where id_hash = $1 and version = $4")
                .execute(Tuple.of(Buffer.buffer(key), Buffer.buffer(seal(key, refreshed)), refreshed.version(),
                        refreshed.version() - 1))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes a session; its tokens when it was there (to end it at Keycloak too), else null. */
    public Future<Ended> delete(String id) {
        byte[] key = SessionCrypto.sha256(id);
        return ready().compose(v -> pool.preparedQuery("delete from web_session where id_hash = $1 returning id_hash, state")
                .execute(Tuple.of(Buffer.buffer(key)))
                .map(rows -> rows.size() == 0 ? null : ended(rows.iterator().next())));
    }

    /** Deletes every session past a deadline; what each held, to end them at Keycloak too. */
    public Future<List<Ended>> sweep(Instant now) {
        return ready().compose(v -> pool.preparedQuery(
                "delete from web_session where idle_until <= $1 or expires_at <= $1 returning id_hash, state")
                .execute(Tuple.of(at(now)))
                .map(rows -> {
                    List<Ended> ended = new ArrayList<>();
                    rows.forEach(row -> ended.add(ended(row)));
                    return ended;
                }));
    }

    private Ended ended(Row row) {
        JsonObject state = open(row.getBuffer("id_hash").getBytes(), row.getBuffer("state").getBytes());
        return new Ended(state == null ? null : tokens(state.getJsonObject("tokens")));
    }

    private byte[] seal(byte[] key, WebSession session) {
        WebSession.Profile p = session.profile();
        WebSession.Tokens t = session.tokens();
        JsonObject state = new JsonObject()
                .put("profile", new JsonObject().put("sub", p.subject()).put("username", p.username()).put("name", p.displayName())
                        .put("roles", new JsonArray(List.copyOf(p.roles()))).put("region", p.region()).put("team", p.team()))
                .put("tokens", new JsonObject().put("access", t.access()).put("refresh", t.refresh()).put("id", t.id())
                        .put("accessExp", t.accessExpiresAt().toEpochMilli())
                        .put("refreshExp", t.refreshExpiresAt() == null ? null : t.refreshExpiresAt().toEpochMilli()));
        return crypto.encrypt(state.toBuffer().getBytes(), context(key));
    }

    private JsonObject open(byte[] key, byte[] sealed) {
        byte[] plain = crypto.decrypt(sealed, context(key));
        return plain == null ? null : new JsonObject(Buffer.buffer(plain));
    }

    private static WebSession.Profile profile(JsonObject p) {
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        p.getJsonArray("roles", new JsonArray()).forEach(r -> roles.add(String.valueOf(r)));
        return new WebSession.Profile(p.getString("sub"), p.getString("username"), p.getString("name"), roles,
                p.getString("region"), p.getString("team"));
    }

    private static WebSession.Tokens tokens(JsonObject t) {
        Long refreshExp = t.getLong("refreshExp");
        return new WebSession.Tokens(t.getString("access"), t.getString("refresh"), t.getString("id"),
                Instant.ofEpochMilli(t.getLong("accessExp")), refreshExp == null ? null : Instant.ofEpochMilli(refreshExp));
    }

    /** Binds a row's ciphertext to the row: copied under another id, it does not open. */
    private static String context(byte[] key) {
        return "web_session:" + HexFormat.of().formatHex(key);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
