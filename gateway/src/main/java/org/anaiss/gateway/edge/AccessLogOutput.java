package org.anaiss.gateway.edge;

import java.util.logging.Handler;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.config.GatewayConfig;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Where the access log goes: standard output, one JSON object per line, as {@link AccessLog} wrote
 * it. The access-log category gets a handler of its own because Quarkus's JSON console format would
 * wrap each line into an envelope as an escaped string; its level is still set the Quarkus way
 * ({@code quarkus.log.category."anaiss.access".level}). Asynchronous, so the event loops never wait
 * for the console; a full queue makes them wait rather than lose lines (it is a security log).
 */
@ApplicationScoped
public class AccessLogOutput {

    private static final int QUEUE = 8192;
    private Handler handler;

    void start(@Observes StartupEvent event, GatewayConfig config) {
        if (!config.accessLog().enabled()) {
            return;
        }
        AsyncHandler async = new AsyncHandler(QUEUE);
        async.setOverflowAction(AsyncHandler.OverflowAction.BLOCK);
        async.addHandler(new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter("%s%n")));
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        logger.setUseParentHandlers(false);
        logger.addHandler(async);
        handler = async;
    }

    void stop(@Observes ShutdownEvent event) {
        if (handler != null) {
            Logger.getLogger(AccessLog.CATEGORY).removeHandler(handler);
            handler.close();
        }
    }
}
