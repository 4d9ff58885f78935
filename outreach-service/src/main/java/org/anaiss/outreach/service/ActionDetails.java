package org.anaiss.outreach.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.anaiss.outreach.domain.ActionTheme;
import org.anaiss.outreach.domain.Region;

/** A collective action with its sessions and their seats. */
public record ActionDetails(UUID id, Region region, ActionTheme theme, String title, String description, String targetPublic,
        Instant createdAt, List<SessionDetails> sessions) {
}
