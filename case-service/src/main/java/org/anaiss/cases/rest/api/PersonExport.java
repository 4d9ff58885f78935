package org.anaiss.cases.rest.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything ANAISS holds on a person (right of access, GDPR article 15): the identity, every case
 * with its contacts, plan and documents, the rights requests, and what outreach-service holds.
 */
public record PersonExport(Instant generatedAt, PersonView person, List<CaseDossier> cases,
        List<RightsRequestView> rightsRequests, JsonNode outreach, String outreachStatus) {
}
