package io.rtgraph.pipelines.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.rtgraph.launcher.Launch;
import io.rtgraph.launcher.PipelineSupervisor;
import io.rtgraph.launcher.SourceBacklog;
import io.rtgraph.model.RawRecord;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.model.coders.RawRecordCoder;
import io.rtgraph.pipelines.TopicPipelines;
import io.rtgraph.pipelines.options.TopicPipelineOptions;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.transforms.kafka.KafkaClientProperties;
import io.rtgraph.transforms.kafka.ReadSourceRecords;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

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
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  @BeforeClass
  public static void writeCatalogs() throws Exception {
    SampleCatalogs.copyTo(FOLDER.getRoot().toPath());
  }

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
    GeneratorConfig config =
        GeneratorConfig.builder()
            .setSeed(43)
            .setEnd(new Instant((System.currentTimeMillis() / 1000) * 1000))
            .setSpan(Duration.standardMinutes(1))
            .setLateness(Duration.standardSeconds(10))
            .setAccounts(10)
            .setEventsPerTopic(50)
            .build();
    List<GeneratedRecord> records =
        new EventGenerator(config, SampleCatalogs.load()).generate(TOPIC);
    String inputTopic = "it." + run;
    ProducedRecords.produce(
        KAFKA.bootstrapServers(), KafkaClientProperties.none(), inputTopic, 3, records);

    TopicPipelineOptions options = options(run, inputTopic, runner);
    Launch launch = Launch.prepare(options);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<RawRecord> read =
        pipeline.apply(
            "ReadPlaybackTopic", ReadSourceRecords.from(KAFKA.bootstrapServers(), inputTopic, run));
    PCollection<RawRecord> refused =
        read.apply("RefuseEveryRecord", ParDo.of(new RefuseEveryRecordFn()))
            .setCoder(RawRecordCoder.of());
    TopicPipelines.of(TOPIC).buildGraph(refused, options);
    PipelineResult result = pipeline.run();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(tee(System.out, printed), true, StandardCharsets.UTF_8);
    int exit =
        new PipelineSupervisor(run, out)
            .watchingSource(
                new SourceBacklog(
                    KAFKA.bootstrapServers(), KafkaClientProperties.none(), inputTopic, run))
            .supervise(result, launch.job(result), options);
    String output = printed.toString(StandardCharsets.UTF_8);
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

  private static OutputStream tee(OutputStream first, OutputStream second) {
    return new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        first.write(b);
        second.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
        first.write(bytes, offset, length);
        second.write(bytes, offset, length);
      }
    };
  }

  private static TopicPipelineOptions options(String run, String inputTopic, String runner) {
    Path folder = FOLDER.getRoot().toPath();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + KAFKA.bootstrapServers(),
                "--inputTopic=" + inputTopic,
                "--consumerGroup=" + run,
                "--titlesCatalog=" + folder.resolve(SampleCatalogs.TITLES),
                "--gamesCatalog=" + folder.resolve(SampleCatalogs.GAMES),
                "--liveEventsCatalog=" + folder.resolve(SampleCatalogs.LIVE_EVENTS),
                "--sinks=kafka",
                "--maxOutOfOrderness=2s",
                "--idleTimeout=2s",
                "--exitAfterIdle=8s",
                "--progressSeconds=10"));
    args.addAll(Runners.args(runner));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
        .withValidation()
        .as(TopicPipelineOptions.class);
  }
}
