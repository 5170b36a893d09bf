package org.walle.deploy.model;

import java.util.List;

/** One page of a listing: {@code total} counts every row, {@code items} holds at most {@code limit} from {@code offset}. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
}
