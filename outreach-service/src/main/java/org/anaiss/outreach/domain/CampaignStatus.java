package org.anaiss.outreach.domain;

/** DRAFT (editable, previewable) → LAUNCHING (background job running or resumable) → DONE. */
public enum CampaignStatus {
    DRAFT, LAUNCHING, DONE
}
