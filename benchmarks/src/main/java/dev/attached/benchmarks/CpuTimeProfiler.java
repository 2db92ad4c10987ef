package dev.attached.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The processor time the benchmark threads spent per operation ({@code cpu.time.norm}, ns/op): the sum of the JMH
 * worker threads' CPU time over an iteration, divided by its operations. Unlike the time per operation, it does not
 * grow while a thread waits for a processor that other processes hold, so on a shared machine it tells a few
 * nanoseconds apart where the elapsed time cannot. It leaves out what a thread waits for (a database's answer), so
 * an overhead is a larger share of it than of the elapsed time: a ratio of CPU times is the stricter one.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    static final String RESULT = "cpu.time.norm";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long before;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workersCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = workersCpuNanos() - before;
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getMeasuredOps();
        return ops <= 0
                ? List.of()
                : List.of(new ScalarResult(RESULT, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }

    private long workersCpuNanos() {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }
}
