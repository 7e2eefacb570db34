package io.rtgraph.pipelines.it;

import io.rtgraph.launcher.CounterSnapshot;
import io.rtgraph.launcher.FlinkRest;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.transforms.GraphMetric;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Instant;

/**
 * Waits until a topic job has drained, so that a test can compare its output once instead of
 * polling until the output looks right (which would make any loss invisible: a test that waits for
 * equality can only time out, never count what is missing).
 *
 * <p>Drained means all three of:
 *
 * <ul>
 *   <li><b>every input record was read and got through the whole job</b>: the consumer group's
 *       committed offsets reach the input topic's end offsets. The job commits offsets only when a
 *       checkpoint completes, and a checkpoint completes only once its barrier, emitted by the
 *       source after the records before it, has passed every operator. Unlike the {@code
 *       records_in} counter, this neither counts records replayed after a restart twice nor starts
 *       again from 0 when a TaskManager is replaced; bad records count like good ones.
 *   <li><b>no merge buffer is open</b>: the input watermark of the merge step has passed the newest
 *       produced event time plus the dedup window, so every flush timer has fired; and the current
 *       attempt has flushed at least as many buffers as it opened ({@code merge_buffers_opened -
 *       merge_buffers_flushed <= 0}) with the {@code merge_buffered_keys} gauge at 0. After a
 *       restart only the watermark proves that the buffers restored from the checkpoint flushed,
 *       and the difference is not checked: the new attempt's counters start from 0, and Flink's
 *       REST metric store keeps, per subtask, the failed attempt's value of a counter that the new
 *       attempt has not reported yet (Beam registers a counter at its first increment), so a
 *       subtask that opened no buffer since the restore still shows the old attempt's openings.
 *   <li><b>the sinks flushed</b>: the end offsets of the graph and dead-letter topics have not
 *       moved for the quiet period.
 * </ul>
 *
 * Or the deadline passed; the returned {@link State} says which.
 */
final class JobDrain {
  private static final long POLL_MILLIS = 500;

  /** The step whose buffers flush on event-time timers; its vertex name contains this. */
  private static final String MERGE_STEP = "BufferAndFlush";

  private final FlinkRest rest;
  private final TopicPipelineOptions job;
  private final KafkaClientProperties clientProperties;

  private JobDrain(
      FlinkRest rest, TopicPipelineOptions job, KafkaClientProperties clientProperties) {
    this.rest = rest;
    this.job = job;
    this.clientProperties = clientProperties;
  }

  /** The drain of the topic job that these options launched, watched through {@code rest}. */
  static JobDrain of(
      FlinkRest rest, TopicPipelineOptions options, KafkaClientProperties clientProperties) {
    return new JobDrain(rest, options, clientProperties);
  }

  /** What was last observed; {@link #drained()} when every condition held. */
  record State(
      long inputBehind,
      long openBuffers,
      long bufferedKeys,
      long flushWatermarkBehindMillis,
      long quietMillis,
      long waitedMillis,
      boolean restarted,
      boolean drained) {

    @Override
    public String toString() {
      return (drained ? "drained after " : "NOT drained at the deadline, after ")
          + waitedMillis
          + " ms"
          + " (input records not committed "
          + inputBehind
          + ", merge buffers opened minus flushed by this attempt "
          + openBuffers
          + (restarted ? " (not checked: the job restarted)" : "")
          + ", buffered keys "
          + bufferedKeys
          + ", merge watermark behind the last flush by "
          + (flushWatermarkBehindMillis == Long.MAX_VALUE
              ? "unknown"
              : Math.max(0, flushWatermarkBehindMillis) + " ms")
          + ", outputs quiet for "
          + quietMillis
          + " ms)";
    }
  }

  /**
   * The event time by which every buffer the records open has flushed: the newest event time among
   * them plus the dedup window (a buffer flushes at its first update's time plus the window).
   */
  static Instant lastFlush(List<GeneratedRecord> records, org.joda.time.Duration dedupWindow) {
    Instant newest = new Instant(0);
    for (GeneratedRecord record : records) {
      if (record.event() != null && record.event().eventTime().isAfter(newest)) {
        newest = record.event().eventTime();
      }
    }
    return newest.plus(dedupWindow);
  }

  /** Polls until drained or until the deadline; never throws on the deadline, the state says it. */
  State await(Instant lastFlush, Duration quiet, Duration deadline) {
    long start = System.currentTimeMillis();
    long outputsLastMoved = start;
    long lastOutputEnd = -1;
    try (Admin admin = TopicOffsets.admin(job.getBootstrapServers(), clientProperties)) {
      while (true) {
        long now = System.currentTimeMillis();
        long inputBehind = inputBehind(admin);
        long outputEnd = endOffsetSum(admin, outputTopics(admin));
        if (outputEnd != lastOutputEnd) {
          lastOutputEnd = outputEnd;
          outputsLastMoved = now;
        }
        CounterSnapshot counters = counters();
        long watermark = mergeWatermark();
        long watermarkBehind =
            watermark == Long.MIN_VALUE ? Long.MAX_VALUE : lastFlush.getMillis() - watermark;
        long openBuffers = counters.buffered();
        boolean restarted = restarted();
        long bufferedKeys = counters.get(GraphMetric.MERGE_BUFFERED_KEYS);
        long quietMillis = now - outputsLastMoved;
        boolean drained =
            inputBehind == 0
                && (restarted || openBuffers <= 0)
                && bufferedKeys == 0
                && watermarkBehind < 0
                && quietMillis >= quiet.toMillis();
        if (drained || now - start >= deadline.toMillis()) {
          return new State(
              inputBehind,
              openBuffers,
              bufferedKeys,
              watermarkBehind,
              quietMillis,
              now - start,
              restarted,
              drained);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
      }
    }
  }

  /** Input records beyond the consumer group's committed offsets, over all partitions. */
  private long inputBehind(Admin admin) {
    try {
      Map<TopicPartition, Long> committed = TopicOffsets.committed(admin, job.getConsumerGroup());
      long behind = 0;
      for (Map.Entry<TopicPartition, Long> end :
          TopicOffsets.ends(admin, List.of(job.getInputTopic())).entrySet()) {
        behind += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
      }
      return behind;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      return Long.MAX_VALUE;
    }
  }

  private List<String> outputTopics(Admin admin) {
    List<String> topics = new ArrayList<>();
    try {
      for (String topic : admin.listTopics().names().get()) {
        if (topic.startsWith(job.getGraphTopicPrefix())
            || topic.equals(job.getInputTopic() + ".dlq")) {
          topics.add(topic);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      // a broker briefly away: the sum below changes, which restarts the quiet period
    }
    return topics;
  }

  /** The records the topics hold; a broker briefly away gives a sum unlike any other. */
  private static long endOffsetSum(Admin admin, List<String> topics) {
    try {
      return TopicOffsets.records(admin, topics);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      return -1;
    }
  }

  /** Whether the job has restarted; unknown counts as not, which keeps the stricter check. */
  private boolean restarted() {
    try {
      String id = RestPoll.jobId(rest, job.getJobName());
      return id != null && rest.restarts(id) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private CounterSnapshot counters() {
    return RestPoll.counters(rest, RestPoll.jobId(rest, job.getJobName()));
  }

  /** The lowest input watermark of the merge step; the lowest possible value when unknown. */
  private long mergeWatermark() {
    try {
      String id = RestPoll.jobId(rest, job.getJobName());
      if (id == null) {
        return Long.MIN_VALUE;
      }
      long lowest = Long.MAX_VALUE;
      for (Map.Entry<String, Long> vertex : rest.inputWatermarks(id).entrySet()) {
        if (vertex.getKey().contains(MERGE_STEP)) {
          lowest = Math.min(lowest, vertex.getValue());
        }
      }
      return lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
