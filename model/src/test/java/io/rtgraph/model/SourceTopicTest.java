package io.rtgraph.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.Test;

/** The four typed topics and a topic known by its mapping only, also across Java serialization. */
public class SourceTopicTest {

  @Test
  public void aNetflixTopicKeepsItsTypedRulesAndIdentityAcrossSerialization() throws Exception {
    SourceTopic login = roundTrip(SourceTopic.LOGIN);

    assertThat(login, sameInstance(SourceTopic.LOGIN));
    assertThat(login.name(), equalTo("LOGIN"));
    assertThat(login.toString(), equalTo("LOGIN"));
    assertThat(login.ordinal(), equalTo(1));
    assertThat(login.isNetflixTopic(), equalTo(true));
    assertThat(login.profileRequired(), equalTo(false));
    assertThat(login.subjectField(), nullValue());
    assertThat(login.actionField(), equalTo("result"));
    assertThat(login.allowedActions(), equalTo(List.of("SUCCESS", "FAILURE")));
    assertThat(login.isAllowedAction("FAILURE"), equalTo(true));
    assertThat(login.isAllowedAction("START"), equalTo(false));
  }

  @Test
  public void theFourTopicsInProductOrder() {
    assertThat(
        List.of(SourceTopic.values()),
        equalTo(
            List.of(
                SourceTopic.of("member.playback"),
                SourceTopic.of("member.login"),
                SourceTopic.of("member.gameplay"),
                SourceTopic.of("member.live"))));
    assertThat(SourceTopic.LIVE.ordinal(), equalTo(3));
    assertThat(SourceTopic.GAMEPLAY.subjectField(), equalTo("gameId"));
  }

  @Test
  public void aMappedTopicHasItsNameAndNoTypedRules() throws Exception {
    SourceTopic rating = roundTrip(SourceTopic.of("member.rating"));

    assertThat(rating, equalTo(SourceTopic.of("member.rating")));
    assertThat(rating.name(), equalTo("member.rating"));
    assertThat(rating.toString(), equalTo("member.rating"));
    assertThat(rating.deadLetterTopicName(), equalTo("member.rating.dlq"));
    assertThat(rating.isNetflixTopic(), equalTo(false));
    assertThat(rating.isAllowedAction("START"), equalTo(false));
    IllegalStateException error = assertThrows(IllegalStateException.class, rating::actionField);
    assertThat(error.getMessage(), containsString("member.rating has no typed actionField"));
  }

  private static SourceTopic roundTrip(SourceTopic topic)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(topic);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SourceTopic) in.readObject();
    }
  }
}
