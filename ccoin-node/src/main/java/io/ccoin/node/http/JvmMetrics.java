package io.ccoin.node.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;

/**
 * The JVM and process metrics of Micrometer's binders: memory pools and buffers ({@code jvm_memory_*},
 * {@code jvm_buffer_*}), garbage collection ({@code jvm_gc_*}), threads ({@code jvm_threads_*}),
 * classes ({@code jvm_classes_*}), CPU ({@code system_cpu_*}, {@code process_cpu_usage}), uptime
 * ({@code process_uptime_seconds}, {@code process_start_time_seconds}) and open files
 * ({@code process_files_*}, where the platform tells). {@link #close()} removes the garbage
 * collection listeners; the other binders only register gauges read at scrape time. Not
 * thread-safe: {@link NodeMetrics} binds and closes it under its own lock.
 */
final class JvmMetrics implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** Binds every binder to {@code registry}. */
  JvmMetrics(MeterRegistry registry) {
    List<MeterBinder> binders = List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
        new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics());
    binders.forEach(b -> b.bindTo(registry));
  }

  @Override
  public void close() {
    gc.close();
  }
}
