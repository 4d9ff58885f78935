package org.anaiss.outreach.service;

/** How many people a launch would reach now, and the message rendered with fake data (for the officer only). */
public record CampaignSample(long targets, String subject, String sampleMessage) {
}
