package org.anaiss.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.vertx.core.json.JsonObject;

/** The lines written on the access-log category while it is open, as the gateway wrote them. */
public final class AccessLogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("anaiss.access");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public AccessLogCapture() {
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    public List<String> lines() {
        return lines;
    }

    /** The parsed line of this request id, or null. */
    public JsonObject forRequest(String requestId) {
        return lines.stream().map(JsonObject::new).filter(l -> requestId.equals(l.getString("requestId"))).findFirst()
                .orElse(null);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
