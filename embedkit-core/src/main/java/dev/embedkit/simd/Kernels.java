package dev.embedkit.simd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the kernel implementation once, at first use: the Vector API one when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, the scalar reference otherwise (or when
 * {@code -Dembedkit.kernels=scalar} asks for it). The choice is logged.
 */
public final class Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final String PANAMA_CLASS = "dev.embedkit.simd.PanamaKernels";
    private static final VectorKernels SELECTED = select(System.getProperty("embedkit.kernels"));

    private Kernels() {
    }

    /** The kernels all of embedkit uses. */
    public static VectorKernels get() {
        return SELECTED;
    }

    /** The reference implementation, for tests and benchmarks. */
    public static VectorKernels scalar() {
        return new ScalarKernels();
    }

    /** The choice {@link #get()} makes, given the value of {@code -Dembedkit.kernels} (null when unset). */
    static VectorKernels select(String requested) {
        if ("scalar".equals(requested)) {
            LOG.debug("kernels: scalar (requested by -Dembedkit.kernels=scalar)");
            return scalar();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.debug("kernels: scalar (start the JVM with --add-modules jdk.incubator.vector for SIMD)");
            return scalar();
        }
        try {
            VectorKernels panama = (VectorKernels) Class.forName(PANAMA_CLASS).getDeclaredConstructor().newInstance();
            LOG.debug("kernels: {}", panama.name());
            return panama;
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("kernels: scalar ({} could not be loaded: {})", PANAMA_CLASS, e.toString());
            return scalar();
        }
    }
}
