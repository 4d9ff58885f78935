package org.anaiss.sample.service;

/** A value of the service layer. */
public record ThingPeriod(String label) {
}
