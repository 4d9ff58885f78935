package org.anaiss.outreach.service;

import java.util.List;

/** One page of a list, with the total count: what a service's list returns. */
public record ListPage<T>(int page, int size, long total, List<T> items) {
}
