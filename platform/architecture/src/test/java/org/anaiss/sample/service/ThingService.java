package org.anaiss.sample.service;

import org.anaiss.sample.domain.Thing;
import org.anaiss.sample.repository.ThingRepository;

import io.vertx.sqlclient.SqlClient;

/** A service that goes around its repository three times, and once does not. */
public class ThingService {

    private final ThingRepository things = new ThingRepository();

    public Thing byItsRepository(Object id) {
        return things.find(id);
    }

    public Thing staticFinder(Object id) {
        return Thing.findById(id);
    }

    public void activeRecord(Thing thing) {
        thing.persist();
    }

    public Runnable sqlInALambda(SqlClient client) {
        return () -> client.preparedQuery("delete from thing");
    }

    public String notTheDatabase() {
        return Thing.label();
    }
}
