package dev.embedkit.server;

import java.util.function.Supplier;

/**
 * A value built on first use, once, by whichever request needs it first. Derived structures (the unit rows of a
 * neighbour index, the heap copy an unembedding needs) cost memory, so a model pays only for what is asked of it.
 */
final class Lazy<T> implements Supplier<T> {
    private Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = factory.get();
                    value = result;
                    factory = null;
                }
            }
        }
        return result;
    }
}
