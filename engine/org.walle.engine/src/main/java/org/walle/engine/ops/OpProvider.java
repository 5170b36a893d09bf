package org.walle.engine.ops;

/** ServiceLoader SPI: a jar adds ops by listing an implementation in META-INF/services/org.walle.engine.ops.OpProvider. */
public interface OpProvider {
    void register(OpRegistry registry);
}
