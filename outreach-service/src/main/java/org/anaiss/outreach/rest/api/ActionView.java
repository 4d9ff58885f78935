package org.anaiss.outreach.rest.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.anaiss.outreach.domain.ActionTheme;
import org.anaiss.outreach.domain.Region;

public record ActionView(UUID id, Region region, ActionTheme theme, String title, String description, String targetPublic,
        Instant createdAt, List<SessionView> sessions) {
}
