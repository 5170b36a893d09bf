package org.walle.stream.store;

/** What a task granted another task on its namespace. */
public enum Access {
    READ, READ_WRITE;

    boolean allowsWrite() {
        return this == READ_WRITE;
    }
}
