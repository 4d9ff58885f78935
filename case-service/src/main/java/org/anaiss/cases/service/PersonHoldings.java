package org.anaiss.cases.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything ANAISS holds on a person (right of access, GDPR article 15): the identity, every case with its contacts,
 * plan and documents, the rights requests, and what outreach-service holds (as it answered, or null with the reason in
 * {@code outreachStatus}).
 */
public record PersonHoldings(Instant generatedAt, PersonDetails person, List<Dossier> cases,
        List<RightsRequestDetails> rightsRequests, JsonNode outreach, String outreachStatus) {
}
