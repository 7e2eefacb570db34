package io.rtgraph.transforms;

import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import java.util.Locale;

/**
 * The rules that drop valid events which carry nothing for the graph (PRODUCT.md, "dropped by the
 * filter"). They are checked in declaration order and an event is counted under the first rule it
 * matches, so each dropped event is counted once.
 */
public enum FilterRule {
  /** {@code test=true}: synthetic traffic, on every topic. */
  TEST_TRAFFIC {
    @Override
    boolean matches(MemberEvent event) {
      return event.test();
    }
  },
  /** {@code action=HEARTBEAT} on playback, gameplay and live. */
  HEARTBEAT {
    @Override
    boolean matches(MemberEvent event) {
      return event.sourceTopic() != SourceTopic.LOGIN && "HEARTBEAT".equals(event.action());
    }
  },
  /** {@code result=FAILURE} on login: a failed login proves no link between account and device. */
  FAILED_LOGIN {
    @Override
    boolean matches(MemberEvent event) {
      return event.sourceTopic() == SourceTopic.LOGIN && "FAILURE".equals(event.action());
    }
  };

  abstract boolean matches(MemberEvent event);

  /** The counter of events this rule dropped, for example {@code filtered_heartbeat}. */
  public String counterName() {
    return "filtered_" + name().toLowerCase(Locale.ROOT);
  }
}
