package org.anaiss.cases.rest.api;

import java.util.List;

/** One page of a list. No total: counts per team or worker are activity indicators this system refuses. */
public record Page<T>(List<T> items, int page, int size, boolean hasNext) {
}
