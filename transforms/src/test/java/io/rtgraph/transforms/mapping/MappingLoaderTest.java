package io.rtgraph.transforms.mapping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.rtgraph.transforms.mapping.TopicMapping.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A bad mapping fails at launch with the file, the line and what is wrong; a good one reads as
 * written. Each bad file below breaks one rule of a small valid mapping, {@link #VALID}.
 */
public class MappingLoaderTest {
  private static final String FILE = "bad.mapping.yaml";

  /** Line numbers matter below: each line is numbered in the comment at its end. */
  private static final String VALID =
      String.join(
          "\n",
          "topic: member.rating", // 1
          "stepName: Rating", // 2
          "fields:", // 3
          "  - {name: eventId, type: string, required: true}", // 4
          "  - {name: eventTime, type: instant, required: true}", // 5
          "  - {name: accountId, type: string, required: true}", // 6
          "  - {name: titleId, type: string, required: true}", // 7
          "  - {name: rating, type: integer, required: true, min: 1, max: 5}", // 8
          "  - {name: mood, type: enum, values: [HAPPY, SAD]}", // 9
          "  - {name: test, type: boolean}", // 10
          "drop:", // 11
          "  - {when: test == true, counter: filtered_test_traffic}", // 12
          "joins:", // 13
          "  - {name: title, catalog: titles, on: titleId}", // 14
          "nodes:", // 15
          "  - {type: Account, id: accountId}", // 16
          "  - {type: Title, id: titleId, properties: {name: title.name}}", // 17
          "edges:", // 18
          "  - {type: RATED_BY, from: Title, to: Account, when: mood == HAPPY, properties: {rating: rating}}", // 19
          "");

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aValidMappingReadsAsWritten() {
    TopicMapping mapping = MappingLoader.parse(FILE, VALID);
    assertThat(mapping.topic(), equalTo("member.rating"));
    assertThat(mapping.field("rating").type(), equalTo(FieldType.INTEGER));
    assertThat(mapping.field("rating").min(), equalTo(1L));
    assertThat(mapping.field("mood").values(), contains("HAPPY", "SAD"));
    assertThat(mapping.joins().get(0).catalog(), equalTo(CatalogKind.TITLES));
    assertThat(mapping.edges().get(0).when().toString(), equalTo("mood == HAPPY"));
    assertThat(mapping.edges().get(0).properties().get("rating"), equalTo("rating"));
  }

  @Test
  public void theShippedMappingsAreValid() {
    for (String topic :
        List.of(
            "member.playback", "member.login", "member.gameplay", "member.live", "member.rating")) {
      assertThat(
          TopicMappings.shipped(io.rtgraph.model.SourceTopic.of(topic)).topic(), equalTo(topic));
    }
  }

  @Test
  public void aTemplateNamingAnUnknownFieldIsRefused() {
    assertProblems(
        VALID.replace("properties: {rating: rating}", "properties: {rating: stars}"),
        FILE
            + ":19: edge 'RATED_BY' property 'rating' reads 'stars', which is no declared field (fields: eventId,"
            + " eventTime, accountId, titleId, rating, mood, test; a catalog field is <join>.<field>)");
  }

  @Test
  public void aTemplateNamingAnUnknownCatalogFieldOrJoinIsRefused() {
    assertProblems(
        VALID.replace(
            "properties: {name: title.name}", "properties: {name: title.title, kind: movie.kind}"),
        FILE
            + ":17: node 'Title' property 'name' reads 'title.title', but the titles catalog has no field 'title'"
            + " (it has titleId, name, kind, genre)",
        FILE
            + ":17: node 'Title' property 'kind' reads 'movie.kind', but no earlier join is named 'movie' (joins: title)");
  }

  @Test
  public void anEdgeEndpointThatNoNodeDeclaresIsRefused() {
    assertProblems(
        VALID.replace("from: Title, to: Account", "from: Title, to: Profile"),
        FILE
            + ":19: edge 'RATED_BY' ends at node type 'Profile', which no node of this mapping declares (declared:"
            + " Account, Title)");
  }

  @Test
  public void aNodeTypeDeclaredTwiceIsRefused() {
    assertProblems(
        VALID.replace("  - {type: Title, id: titleId,", "  - {type: Account, id: titleId,"),
        FILE
            + ":17: node 'Account' is declared twice; an edge endpoint names a node type, so each type is declared once",
        FILE
            + ":19: edge 'RATED_BY' ends at node type 'Title', which no node of this mapping declares (declared:"
            + " Account)");
  }

  @Test
  public void typeMismatchesAreRefused() {
    assertProblems(
        VALID
            .replace("when: mood == HAPPY", "when: rating == five")
            .replace("{type: Account, id: accountId}", "{type: Account, id: rating}")
            .replace("when: test == true", "when: test == yes"),
        FILE
            + ":12: condition 'test == yes': field 'test' is a boolean, but 'yes' is not true or false",
        FILE + ":16: node 'Account' takes its id from 'rating', an integer; an id is a string",
        FILE + ":19: condition 'rating == five': field 'rating' is an integer, but 'five' is not");
  }

  @Test
  public void aConditionOnAValueOutsideItsEnumIsRefused() {
    assertProblems(
        VALID.replace("mood == HAPPY", "mood == ANGRY"),
        FILE
            + ":19: condition 'mood == ANGRY': 'ANGRY' is not a value of enum field 'mood' (HAPPY, SAD)");
  }

  @Test
  public void aColocationOnAnUndeclaredNodeTypeIsRefused() {
    assertProblems(
        VALID + "colocate: {by: Profile, with: [Account, Device]}\n",
        FILE
            + ":20: colocate keys on node type 'Profile', which no node of this mapping declares"
            + " (declared: Account, Title)",
        FILE
            + ":20: colocate keeps node type 'Device', which no node of this mapping declares"
            + " (declared: Account, Title)");
  }

  @Test
  public void aColocationReadsAsWritten() {
    TopicMapping mapping = MappingLoader.parse(FILE, VALID + "colocate: {by: Account}\n");
    assertThat(mapping.colocation().by(), equalTo("Account"));
    assertThat(mapping.colocation().with(), equalTo(List.of()));
    assertThat(MappingLoader.parse(FILE, VALID).colocation(), equalTo(null));
  }

  @Test
  public void aBuiltInEdgeTypeMustKeepItsEndpoints() {
    assertProblems(
        VALID.replace("type: RATED_BY", "type: HAS_PROFILE"),
        FILE
            + ":19: edge 'HAS_PROFILE' goes Title->Account, but the graph's HAS_PROFILE edges go Account->Profile");
  }

  @Test
  public void schemaViolationsNameTheLine() {
    MappingException e =
        assertThrows(
            MappingException.class,
            () ->
                MappingLoader.parse(
                    FILE,
                    VALID
                        .replace("type: integer, required", "type: number, required")
                        .replace("catalog: titles", "catalog: movies")));
    // The schema may report one fault in several ways (a wrong type also breaks the rule about min
    // and max); each report names the line of the faulty value.
    assertThat(
        e.problems(),
        org.hamcrest.Matchers.everyItem(
            org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.startsWith(FILE + ":8: /fields/4"),
                org.hamcrest.Matchers.startsWith(FILE + ":14: /joins/0/catalog: "))));
    assertThat(
        e.problems(),
        org.hamcrest.Matchers.hasItem(
            org.hamcrest.Matchers.startsWith(FILE + ":8: /fields/4/type: ")));
    assertThat(
        e.problems(),
        org.hamcrest.Matchers.hasItem(
            org.hamcrest.Matchers.startsWith(FILE + ":14: /joins/0/catalog: ")));
    System.out.println(e.getMessage());
  }

  @Test
  public void anUnknownKeyIsRefused() {
    MappingException e =
        assertThrows(
            MappingException.class,
            () ->
                MappingLoader.parse(
                    FILE, VALID.replace("stepName: Rating", "stepName: Rating\nkey: accountId")));
    assertThat(e.problems().size(), equalTo(1));
    assertThat(
        e.problems().get(0),
        org.hamcrest.Matchers.allOf(
            org.hamcrest.Matchers.startsWith(FILE + ":1: "),
            org.hamcrest.Matchers.containsString("key")));
  }

  @Test
  public void aMappingWithoutAnEventTimeIsRefused() {
    assertProblems(
        VALID.replace("  - {name: eventTime, type: instant, required: true}\n", ""),
        FILE
            + ":3: the fields must include 'eventTime' as a required instant: it is the event time");
  }

  @Test
  public void aFileIsReadFromDiskAndNamedInItsErrors() throws Exception {
    Path file = folder.getRoot().toPath().resolve("member.rating.mapping.yaml");
    Files.writeString(file, VALID.replace("on: titleId", "on: rating"));
    MappingException e = assertThrows(MappingException.class, () -> MappingLoader.load(file));
    assertThat(
        e.problems(),
        contains(
            file + ":14: join 'title' keys on 'rating', an integer; a catalog id is a string"));
    assertThat(
        e.getMessage(),
        org.hamcrest.Matchers.startsWith("bad topic mapping " + file + ":\n  " + file + ":14: "));
  }

  private static void assertProblems(String yaml, String... expected) {
    MappingException e =
        assertThrows(MappingException.class, () -> MappingLoader.parse(FILE, yaml));
    assertThat(e.problems(), contains(expected));
  }
}
