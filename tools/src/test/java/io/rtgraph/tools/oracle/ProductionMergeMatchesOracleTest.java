package io.rtgraph.tools.oracle;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.rtgraph.model.GraphUpdate;
import io.rtgraph.model.MaterializedGraph;
import io.rtgraph.model.SourceTopic;
import io.rtgraph.tools.generator.EventGenerator;
import io.rtgraph.tools.generator.GeneratedRecord;
import io.rtgraph.tools.generator.GeneratorConfig;
import io.rtgraph.tools.generator.PinnedConfigs;
import io.rtgraph.tools.generator.SampleCatalogs;
import io.rtgraph.tools.graph.GraphDiff;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Across topics, the model's CRDT merge does what the oracle does: a consumer of every graph topic
 * folding the four topics' graphs with {@link GraphUpdate#mergeWith} gets the oracle's graph of all
 * records. Elements seen on several topics (accounts, devices, profiles, the titles of playback and
 * of games, STREAMED_FROM from playback and live) are where the two could differ.
 */
public class ProductionMergeMatchesOracleTest {
  private static final GeneratorConfig CONFIG = PinnedConfigs.of(5_000, 60).build();

  @Test
  public void mergingThePerTopicGraphsGivesTheGraphOfAllRecords() {
    EventGenerator generator = new EventGenerator(CONFIG, SampleCatalogs.load());
    GraphOracle allTopics = oracle();
    MaterializedGraph mergedByTheModel = new MaterializedGraph();
    for (SourceTopic topic : SourceTopic.values()) {
      GraphOracle oneTopic = oracle();
      for (GeneratedRecord record : generator.generate(topic)) {
        oneTopic.accept(topic.topicName(), record.value());
        allTopics.accept(topic.topicName(), record.value());
      }
      List<GraphUpdate> updates =
          new ArrayList<>(oneTopic.graph().toMaterializedGraph().elements().values());
      updates.forEach(mergedByTheModel::add);
    }
    MaterializedGraph expected = allTopics.graph().toMaterializedGraph();
    assertThat(
        "elements merged from several topics",
        mergedByTheModel.updatesFolded() - mergedByTheModel.size(),
        greaterThan(100L));
    assertThat(
        GraphDiff.between(expected, mergedByTheModel).toString(),
        mergedByTheModel,
        equalTo(expected));
  }

  private static GraphOracle oracle() {
    return new GraphOracle(
        InputRules.defaults().withProcessingTime(CONFIG.end().getMillis()),
        OracleCatalogs.sample());
  }
}
