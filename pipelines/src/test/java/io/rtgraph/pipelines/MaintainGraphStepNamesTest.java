package io.rtgraph.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.rtgraph.pipelines.options.MaintenanceOptions;
import io.rtgraph.transforms.iceberg.GraphUpdateTables;
import io.rtgraph.transforms.iceberg.GraphWarehouse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The maintenance job's top-level steps keep their names, the operator ids a savepoint of a
 * streaming run would restore and the names its metrics are reported under.
 */
public class MaintainGraphStepNamesTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void theFoldsAndTheCompactionKeepTheirNames() throws IOException {
    MaintenanceOptions options =
        PipelineOptionsFactory.fromArgs(
                "--icebergWarehouse=" + folder.newFolder().getAbsolutePath())
            .as(MaintenanceOptions.class);
    GraphWarehouse warehouse = TopicIceberg.warehouse(options);
    warehouse.ensureTable(
        options.getNodeTable(), GraphUpdateTables.NODE_SCHEMA, GraphUpdateTables.NODE_SPEC);
    warehouse.ensureTable(
        options.getEdgeTable(), GraphUpdateTables.EDGE_SCHEMA, GraphUpdateTables.EDGE_SPEC);

    assertThat(
        topLevelSteps(MaintainGraphPipeline.create(options)),
        equalTo(List.of("FoldNodeUpdates", "FoldEdgeUpdates", "CompactAndExpireTables")));
  }

  private static List<String> topLevelSteps(Pipeline pipeline) {
    return StepNamesTest.stepNames(pipeline).stream()
        .filter(name -> !name.contains("/"))
        .collect(Collectors.toList());
  }
}
