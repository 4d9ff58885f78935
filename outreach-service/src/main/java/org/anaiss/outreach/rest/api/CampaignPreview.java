package org.anaiss.outreach.rest.api;

/**
 * Operational preview for the officer only: how many people a launch would reach now, and the message
 * rendered with fake data. Not a statistic: it is never exported.
 */
public record CampaignPreview(long targets, String subject, String sampleMessage) {
}
