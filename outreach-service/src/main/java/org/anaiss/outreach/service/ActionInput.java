package org.anaiss.outreach.service;

import java.util.List;

import org.anaiss.outreach.domain.ActionTheme;

/** A collective action to create, with its first sessions (already validated by the caller's layer). */
public record ActionInput(ActionTheme theme, String title, String description, String targetPublic, List<SessionInput> sessions) {
}
