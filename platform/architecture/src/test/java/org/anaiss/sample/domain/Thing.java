package org.anaiss.sample.domain;

/** Stands for a Panache entity: the rule knows one by its annotation and the names of its active-record methods. */
@jakarta.persistence.Entity
public class Thing {

    public static Thing findById(Object id) {
        return null;
    }

    public void persist() {
    }

    public static String label() {
        return "a thing";
    }
}
