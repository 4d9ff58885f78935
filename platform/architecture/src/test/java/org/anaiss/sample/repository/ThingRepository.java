package org.anaiss.sample.repository;

import org.anaiss.sample.domain.Thing;

import io.vertx.sqlclient.SqlClient;

/** A repository may reach the database every way. */
public class ThingRepository {

    public Thing find(Object id) {
        return Thing.findById(id);
    }

    public Object count(SqlClient client) {
        return client.query("select count(*) from thing");
    }
}
