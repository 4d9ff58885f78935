package org.anaiss.sample.repository;

import org.anaiss.sample.service.ThingPeriod;

/** A repository that reaches up into the service layer for a type. */
public class PeriodRepository {

    public String label(ThingPeriod period) {
        return period.label();
    }
}
