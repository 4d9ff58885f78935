package org.anaiss.cases.service;

import java.util.List;

/** One page of a list, without a total (counts per team or worker are activity indicators this system refuses). */
public record ListPage<T>(List<T> items, int page, int size, boolean hasNext) {
}
