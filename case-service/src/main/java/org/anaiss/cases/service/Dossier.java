package org.anaiss.cases.service;

import java.util.List;

/**
 * Everything a case holds, decrypted: for the DPO's export and for the archive of a case under legal hold. Its JSON
 * is the stored form of an archive (RetentionService writes it, DpoService reads it): field names are kept.
 */
public record Dossier(CaseDetails caseFile, boolean legalHold, List<ContactDetails> contacts, List<PlanStepDetails> plan,
        List<DocumentContent> documents) {
}
