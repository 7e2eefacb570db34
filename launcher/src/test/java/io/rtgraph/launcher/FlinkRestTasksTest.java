package io.rtgraph.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/** When a job whose state is RUNNING really runs: every task that still has work is RUNNING. */
public class FlinkRestTasksTest {
  @Test
  public void tasksWaitingForASlotAreNotRunning() {
    FlinkRest.Tasks tasks =
        new FlinkRest.Tasks(new TreeMap<>(Map.of("CREATED", 3, "RUNNING", 2)), 1);
    assertThat(tasks.allRunning(), equalTo(false));
    assertThat(tasks.notRunning(), equalTo("3 of 5 tasks not RUNNING (3 CREATED)"));
    assertThat(tasks.waitingForSlots(), equalTo(true));
  }

  @Test
  public void aFinishedBoundedInputDoesNotHoldTheJobBack() {
    FlinkRest.Tasks tasks =
        new FlinkRest.Tasks(new TreeMap<>(Map.of("FINISHED", 1, "RUNNING", 23)), 2);
    assertThat(tasks.allRunning(), equalTo(true));
    assertThat(tasks.unfinished(), equalTo(23));
  }

  @Test
  public void aJobWhoseTasksAllFinishedIsNotRunning() {
    FlinkRest.Tasks tasks = new FlinkRest.Tasks(new TreeMap<>(Map.of("FINISHED", 4)), 1);
    assertThat(tasks.allRunning(), equalTo(false));
  }

  @Test
  public void severalStatesAreCountedEach() {
    FlinkRest.Tasks tasks =
        new FlinkRest.Tasks(new TreeMap<>(Map.of("DEPLOYING", 1, "RUNNING", 6, "SCHEDULED", 5)), 2);
    assertThat(tasks.notRunning(), equalTo("6 of 12 tasks not RUNNING (1 DEPLOYING, 5 SCHEDULED)"));
    assertThat(tasks.waitingForSlots(), equalTo(true));
  }

  @Test
  public void deployingTasksHaveTheirSlots() {
    FlinkRest.Tasks tasks =
        new FlinkRest.Tasks(new TreeMap<>(Map.of("DEPLOYING", 2, "RUNNING", 6)), 2);
    assertThat(tasks.allRunning(), equalTo(false));
    assertThat(tasks.waitingForSlots(), equalTo(false));
  }
}
