package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.coders.ModelCoder;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.transforms.kafka.ReadSourceRecords;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * A job that can never process a record is not "drained" when it goes quiet: the topic's graph
 * chain behind a test-only step that throws on every raw record. On Flink the job restarts forever
 * with nothing read; the launcher's {@code --exitAfterIdle} must report it failing, with the
 * exception Flink recorded, and a non-zero exit. On the DirectRunner the same job fails outright,
 * and the launcher prints why.
 */
public class FailingJobNotDrainedIT {
  private static final SourceTopic TOPIC = SourceTopic.PLAYBACK;
  private static final String REFUSAL = "test-only refusal of every record";

  @ClassRule public static final KafkaBroker KAFKA = KafkaBroker.plaintext();
  @ClassRule public static final CatalogFolder CATALOGS = new CatalogFolder();

  @Test
  public void aJobRestartingForeverOnFlinkIsReportedFailingNotDrained() throws Exception {
    String printed = superviseFailingJob("flink");
    assertThat(printed, containsString("NOT drained"));
  }

  @Test
  public void aFailedJobOnTheDirectRunnerIsReportedWithItsException() throws Exception {
    superviseFailingJob("direct");
  }

  /**
   * Launches the failing job with {@code --exitAfterIdle}; checks the exit code and the printed
   * exception.
   */
  private String superviseFailingJob(String runner) throws Exception {
    String run = "failing." + runner + "." + System.nanoTime();
    List<GeneratedRecord> records =
        TestEvents.generate(
            TestEvents.recent(43)
                .setSpan(Duration.standardMinutes(1))
                .setLateness(Duration.standardSeconds(10))
                .setAccounts(10)
                .setEventsPerTopic(50),
            TOPIC);
    String inputTopic = "it." + run;
    ProducedRecords.produce(KAFKA.bootstrapServers(), inputTopic, records);

    TopicPipelineOptions options = options(run, inputTopic, runner);
    SupervisedRun job =
        SupervisedRun.watchingSource(
            run,
            options,
            () -> {
              Pipeline pipeline = Pipeline.create(options);
              PCollection<RawRecord> read =
                  pipeline.apply(
                      "ReadPlaybackTopic",
                      ReadSourceRecords.from(KAFKA.bootstrapServers(), inputTopic, run));
              PCollection<RawRecord> refused =
                  read.apply("RefuseEveryRecord", ParDo.of(new RefuseEveryRecordFn()))
                      .setCoder(ModelCoder.of(RawRecord.class));
              TopicPipelines.of(TOPIC).buildGraph(refused, options);
              return pipeline.run();
            });
    int exit = job.exit();
    String output = job.printed();
    int expected =
        runner.equals("flink") ? PipelineSupervisor.EXIT_FAILING : PipelineSupervisor.EXIT_FAILED;
    assertThat("the launcher's exit code; it printed:\n" + output, exit, equalTo(expected));
    assertThat("the failure, from the runner's exceptions", output, containsString(REFUSAL));
    assertThat(output, not(containsString("input drained")));
    System.out.printf(
        "%s: %d records in the source; the launcher exited %d%n", run, records.size(), exit);
    return output;
  }

  /** The seam a real bug would sit at: every raw record throws, before anything is counted. */
  static final class RefuseEveryRecordFn extends DoFn<RawRecord, RawRecord> {
    @ProcessElement
    public void process(@Element RawRecord record) {
      throw new IllegalStateException(REFUSAL + ": " + record.coordinates());
    }
  }

  private static TopicPipelineOptions options(String run, String inputTopic, String runner) {
    return JobFlags.topicJob(KAFKA.bootstrapServers(), inputTopic, run, CATALOGS.path())
        .with("--sinks=kafka", "--exitAfterIdle=8s", "--progressSeconds=10")
        .with(Runners.args(runner))
        .topicOptions();
  }
}
