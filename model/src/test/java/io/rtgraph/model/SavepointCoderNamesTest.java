package io.rtgraph.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

/**
 * A coder Java-serialized under its name from before the move to {@code io.rtgraph.model.coders}
 * (as a savepoint holds it) deserializes as the coder of that name in the new package. Real
 * format-1 snapshots of three of them are in CoderFormatsTest.
 */
public class SavepointCoderNamesTest {
  private static final List<String> MOVED =
      List.of(
          "ArchivedRecordCoder",
          "CatalogsCoder",
          "DeadLetterCoder",
          "GraphUpdateCoder",
          "MappedEventCoder",
          "MemberEventCoder",
          "RawRecordCoder");

  @Test
  public void everyOldNameReadsBackAsTheMovedCoder() throws Exception {
    for (String name : MOVED) {
      Class<?> oldName = Class.forName("io.rtgraph.model." + name);
      Class<?> newName = Class.forName("io.rtgraph.model.coders." + name);
      var constructor = oldName.getDeclaredConstructor();
      constructor.setAccessible(true);
      byte[] snapshot =
          SerializableUtils.serializeToByteArray((Coder<?>) constructor.newInstance());
      Object restored = SerializableUtils.deserializeFromByteArray(snapshot, name);
      assertThat(name, restored.getClass(), not(sameInstance(oldName)));
      // Atomic coders are equal when their classes are.
      assertThat(name, restored.getClass(), equalTo(newName));
    }
  }
}
