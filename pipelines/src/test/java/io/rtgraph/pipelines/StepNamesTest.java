package io.rtgraph.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.pipelines.options.TopicPipelineOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The full name of every step of each topic's streaming pipeline, which on Flink is the operator id
 * a savepoint restores, is the one the release before the mapping files had: the lists in {@code
 * src/test/resources/step-names/} were recorded from that release's hand-written pipeline classes
 * (set {@code -DrecordStepNamesTo=DIR} to record them from a build), then edited by hand for the
 * one deliberate change since, the merge keyed by account (README, "Savepoints from before the
 * merge-key change"): {@code EmitElementUpdates}, {@code MergeWithinBundle}, {@code KeyByElementId}
 * and {@code BufferAndFlush} became {@code EmitEventUpdates}, {@code MergeByKeyWithinBundle} and
 * {@code BufferAndFlushByMergeKey}.
 */
public class StepNamesTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void everyTopicKeepsTheStepNamesOfItsHandWrittenPipeline() throws IOException {
    String recordTo = System.getProperty("recordStepNamesTo");
    for (TopicPipelines topic : TopicPipelines.values()) {
      List<String> names = stepNames(topic);
      String file = topic.topic().topicName() + ".txt";
      if (recordTo != null) {
        Files.write(Path.of(recordTo, file), names);
        continue;
      }
      try (InputStream in = StepNamesTest.class.getResourceAsStream("/step-names/" + file)) {
        List<String> recorded =
            List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        assertThat(topic + " step names", names, equalTo(recorded));
      }
    }
  }

  private List<String> stepNames(TopicPipelines topic) throws IOException {
    TopicPipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--bootstrapServers=127.0.0.1:9",
                "--icebergWarehouse=" + folder.newFolder().getAbsolutePath(),
                "--titlesCatalog=titles.jsonl",
                "--gamesCatalog=games.jsonl",
                "--liveEventsCatalog=live.jsonl")
            .as(TopicPipelineOptions.class);
    return stepNames(topic.create(options));
  }

  /** The full name of every step, composites and primitives, in the order they were applied. */
  static List<String> stepNames(Pipeline pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (!node.isRootNode()) {
              names.add(node.getFullName());
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            names.add(node.getFullName());
          }
        });
    return names;
  }
}
