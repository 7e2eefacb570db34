package io.rtgraph.model.json;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import io.rtgraph.model.PublishedDeadLetter;
import io.rtgraph.model.Utf8;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.Test;

/**
 * A dead letter fits its bound whatever the record held: each worst case for escaping, at the size
 * limit and past it. The digest and sizes are computed here, from the original bytes.
 */
public class DeadLetterJsonTest {
  private static final int MAX_RECORD_BYTES = 64 * 1024;

  /** What the pipeline gives the topics it creates for that limit, less Kafka's framing. */
  private static final int BOUND = 2 * MAX_RECORD_BYTES + 64 * 1024 - 2048;

  /** The largest escaped form of one character: a pair of surrogate escapes. */
  private static final int LARGEST_ESCAPE = 12;

  @Test
  public void randomControlCharactersJustUnderTheLimitAreTruncatedToFit() throws Exception {
    assertTruncatedToFit(controlCharacters(MAX_RECORD_BYTES - 1, 1));
  }

  @Test
  public void controlCharactersExactlyAtTheLimitAreTruncatedToFit() throws Exception {
    assertTruncatedToFit(controlCharacters(MAX_RECORD_BYTES, 2));
  }

  @Test
  public void controlCharactersOneByteOverTheLimitAreTruncatedToFit() throws Exception {
    assertTruncatedToFit(controlCharacters(MAX_RECORD_BYTES + 1, 3));
  }

  @Test
  public void charactersOutsideTheBmpAreCutBetweenPairs() throws Exception {
    byte[] value = outsideTheBmp(MAX_RECORD_BYTES - 1, 4);
    byte[] prefix = assertTruncatedToFit(value);
    assertThat("whole four-byte characters only", prefix.length % 4, equalTo(0));
  }

  @Test
  public void quotesAndBackslashesOfManyLimitsAreTruncatedToFit() throws Exception {
    // Each doubles once escaped: two limits' worth does not fit twice the limit.
    byte[] quotes = new byte[2 * MAX_RECORD_BYTES];
    Arrays.fill(quotes, (byte) '"');
    assertTruncatedToFit(quotes);
    byte[] backslashes = new byte[2 * MAX_RECORD_BYTES];
    Arrays.fill(backslashes, (byte) '\\');
    assertTruncatedToFit(backslashes);
  }

  @Test
  public void quotesAndBackslashesWithinTheLimitStayWhole() {
    byte[] quotes = new byte[MAX_RECORD_BYTES - 1];
    Arrays.fill(quotes, (byte) '"');
    byte[] json = DeadLetterJson.toJsonBytes(deadLetter(quotes), BOUND);
    PublishedDeadLetter read = DeadLetterJson.read(json);
    assertThat(read.payloadTruncated(), equalTo(false));
    assertThat(Arrays.equals(read.deadLetter().payload(), quotes), equalTo(true));
    assertThat(new String(json, StandardCharsets.UTF_8), not(containsString("payloadTruncated")));
  }

  @Test
  public void invalidUtf8IsTruncatedAsWholeBase64Groups() throws Exception {
    byte[] value = new byte[4 * MAX_RECORD_BYTES];
    new Random(5).nextBytes(value);
    value[0] = (byte) 0xff; // never valid UTF-8
    byte[] json = DeadLetterJson.toJsonBytes(deadLetter(value), BOUND);
    assertThat(json.length, lessThanOrEqualTo(BOUND));
    assertThat(new String(json, StandardCharsets.UTF_8), containsString("\"payloadBase64\""));
    PublishedDeadLetter read = DeadLetterJson.read(json);
    assertThat(read.payloadTruncated(), equalTo(true));
    assertThat(read.payloadBytes(), equalTo((long) value.length));
    assertThat(read.payloadSha256(), equalTo(sha256(value)));
    byte[] prefix = read.deadLetter().payload();
    assertThat(Arrays.equals(prefix, Arrays.copyOf(value, prefix.length)), equalTo(true));
    assertThat(prefix.length % 3, equalTo(0));
    assertThat("no more than one base64 group left unused", json.length, greaterThan(BOUND - 4));
  }

  @Test
  public void aLongErrorIsCutAndTheWholeStillFits() throws Exception {
    StringBuilder error = new StringBuilder("field 'action' is '");
    while (error.length() < 3 * MAX_RECORD_BYTES) {
      error.append("\u0001\ud83d\ude00");
    }
    byte[] value = controlCharacters(MAX_RECORD_BYTES, 6);
    DeadLetter deadLetter =
        DeadLetter.of(
            "member.playback", 2, 99L, DeadLetterReason.INVALID_ACTION, error.toString(), value);
    byte[] json = DeadLetterJson.toJsonBytes(deadLetter, DeadLetterJson.MIN_MAX_BYTES);
    assertThat(json.length, lessThanOrEqualTo(DeadLetterJson.MIN_MAX_BYTES));
    PublishedDeadLetter read = DeadLetterJson.read(json);
    String cut = read.deadLetter().error();
    assertThat(
        error.toString().startsWith(cut.substring(0, cut.length() - " [cut]".length())),
        equalTo(true));
    assertThat(read.payloadSha256(), equalTo(sha256(value)));
  }

  @Test
  public void aBoundTooSmallForTheMetadataIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DeadLetterJson.toJsonBytes(
                    deadLetter(new byte[1]), DeadLetterJson.MIN_MAX_BYTES - 1));
    assertThat(e.getMessage(), containsString(String.valueOf(DeadLetterJson.MIN_MAX_BYTES)));
  }

  @Test
  public void aTombstoneIsWrittenWithANullPayload() {
    byte[] json = DeadLetterJson.toJsonBytes(deadLetter(null), BOUND);
    assertThat(new String(json, StandardCharsets.UTF_8), containsString("\"payload\":null"));
    assertThat(DeadLetterJson.read(json).deadLetter().payload(), nullValue());
  }

  /**
   * Checks the bound, the truncation fields against the original bytes, that the payload kept is a
   * prefix of the original cut between characters, and that it is the longest one that fits (at
   * most one escaped character of room left). Returns the prefix.
   */
  private static byte[] assertTruncatedToFit(byte[] value) throws Exception {
    byte[] json = DeadLetterJson.toJsonBytes(deadLetter(value), BOUND);
    assertThat(json.length, lessThanOrEqualTo(BOUND));
    assertThat("the room is used", json.length, greaterThan(BOUND - LARGEST_ESCAPE));
    PublishedDeadLetter read = DeadLetterJson.read(json);
    assertThat(read.payloadTruncated(), equalTo(true));
    assertThat(read.payloadBytes(), equalTo((long) value.length));
    assertThat(read.payloadSha256(), equalTo(sha256(value)));
    byte[] prefix = read.deadLetter().payload();
    assertThat(prefix.length, greaterThan(0));
    assertThat(prefix.length, lessThanOrEqualTo(value.length));
    assertThat(
        "a prefix of the original",
        Arrays.equals(prefix, Arrays.copyOf(value, prefix.length)),
        equalTo(true));
    assertThat("cut between characters", Utf8.isValid(prefix), equalTo(true));
    return prefix;
  }

  private static DeadLetter deadLetter(byte[] value) {
    return DeadLetter.of(
        "member.playback",
        0,
        12345L,
        DeadLetterReason.NOT_A_JSON_OBJECT,
        "value is not a JSON object",
        value);
  }

  /** Random characters U+0000 to U+001F: one byte each, six once escaped (two for \n, \t...). */
  static byte[] controlCharacters(int bytes, long seed) {
    byte[] value = new byte[bytes];
    Random random = new Random(seed);
    for (int i = 0; i < bytes; i++) {
      value[i] = (byte) random.nextInt(0x20);
    }
    return value;
  }

  /** Random characters U+10000 to U+10FFFF: four bytes each, twelve once escaped. */
  static byte[] outsideTheBmp(int maxBytes, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < maxBytes / 4; i++) {
      text.appendCodePoint(0x10000 + random.nextInt(0x100000));
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] value) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
  }
}
