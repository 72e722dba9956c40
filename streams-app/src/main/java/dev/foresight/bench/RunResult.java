package dev.foresight.bench;

import java.util.Locale;

/**
 * One run of one rung.
 *
 * @param label     the rung, with ×N for N instances
 * @param records   input records processed
 * @param seconds   from the first instance processing until input and repartition lag were 0
 * @param cpuNanos  CPU of the rung's JVMs over that time (the broker runs elsewhere)
 * @param peakRssKb the largest peak resident set of its JVMs
 */
record RunResult(String label, long records, double seconds, long cpuNanos, long peakRssKb) {

    double recordsPerSecond() {
        return records / seconds;
    }

    double cpuMicrosPerRecord() {
        return cpuNanos / 1000.0 / records;
    }

    double peakRssMb() {
        return peakRssKb / 1024.0;
    }

    String line() {
        return String.format(Locale.ROOT, "%-6s %,d records in %.1f s: %,.0f records/s, %.1f µs CPU/record, %,.0f MB peak RSS",
                label, records, seconds, recordsPerSecond(), cpuMicrosPerRecord(), peakRssMb());
    }
}
