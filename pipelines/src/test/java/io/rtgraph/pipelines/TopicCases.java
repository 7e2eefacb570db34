package io.rtgraph.pipelines;

import io.rtgraph.model.SourceTopic;
import java.util.ArrayList;
import java.util.List;

/** The parameters of a test that runs once for each source topic, or for each topic and value. */
public final class TopicCases {
  private TopicCases() {}

  /** {@code {topic}} for each source topic. */
  public static List<Object[]> each() {
    List<Object[]> cases = new ArrayList<>();
    for (SourceTopic topic : SourceTopic.values()) {
      cases.add(new Object[] {topic});
    }
    return cases;
  }

  /** {@code {topic, value}} for each source topic and each of the values, topic by topic. */
  public static List<Object[]> eachWith(Object... values) {
    List<Object[]> cases = new ArrayList<>();
    for (SourceTopic topic : SourceTopic.values()) {
      for (Object value : values) {
        cases.add(new Object[] {topic, value});
      }
    }
    return cases;
  }
}
