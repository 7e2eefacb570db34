package io.rtgraph.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * When a job whose state is RUNNING really runs: every task that still has work is RUNNING. A row
 * per job: its tasks by state, and what each of {@link FlinkRest.Tasks}'s answers must be.
 */
@RunWith(Parameterized.class)
public class FlinkRestTasksTest {
  @Parameters(name = "{0}")
  public static List<Object[]> jobs() {
    return List.of(
        new Object[] {
          "tasksWaitingForASlotAreNotRunning",
          Map.of("CREATED", 3, "RUNNING", 2),
          false,
          5,
          true,
          "3 of 5 tasks not RUNNING (3 CREATED)"
        },
        new Object[] {
          "aFinishedBoundedInputDoesNotHoldTheJobBack",
          Map.of("FINISHED", 1, "RUNNING", 23),
          true,
          23,
          false,
          "0 of 23 tasks not RUNNING ()"
        },
        new Object[] {
          "aJobWhoseTasksAllFinishedIsNotRunning",
          Map.of("FINISHED", 4),
          false,
          0,
          false,
          "0 of 0 tasks not RUNNING ()"
        },
        new Object[] {
          "severalStatesAreCountedEach",
          Map.of("DEPLOYING", 1, "RUNNING", 6, "SCHEDULED", 5),
          false,
          12,
          true,
          "6 of 12 tasks not RUNNING (1 DEPLOYING, 5 SCHEDULED)"
        },
        new Object[] {
          "deployingTasksHaveTheirSlots",
          Map.of("DEPLOYING", 2, "RUNNING", 6),
          false,
          8,
          false,
          "2 of 8 tasks not RUNNING (2 DEPLOYING)"
        });
  }

  @Parameter(0)
  public String name;

  @Parameter(1)
  public Map<String, Integer> byState;

  @Parameter(2)
  public boolean allRunning;

  @Parameter(3)
  public int unfinished;

  @Parameter(4)
  public boolean waitingForSlots;

  @Parameter(5)
  public String notRunning;

  @Test
  public void answersAsTheRowSays() {
    // The slots a job needs play no part in whether its tasks run.
    FlinkRest.Tasks tasks = new FlinkRest.Tasks(new TreeMap<>(byState), 2);
    assertThat(tasks.allRunning(), equalTo(allRunning));
    assertThat(tasks.unfinished(), equalTo(unfinished));
    assertThat(tasks.waitingForSlots(), equalTo(waitingForSlots));
    assertThat(tasks.notRunning(), equalTo(notRunning));
  }
}
