package io.dvbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The JVM's heap high-water mark over one measured run, read from the heap memory pools' peak usage
 * (reset at the start). The sum of per-pool peaks can exceed the true simultaneous peak a little, and the
 * figure covers the whole process: client and in-process sandbox server alike.
 */
final class HeapPeak {

    private final List<MemoryPoolMXBean> pools;

    private HeapPeak(List<MemoryPoolMXBean> pools) {
        this.pools = pools;
    }

    /** Collects what earlier runs left behind, then starts counting. */
    static HeapPeak start() {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new HeapPeak(heap);
    }

    long peakBytes() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
