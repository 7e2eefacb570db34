package io.rtgraph.transforms.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.rtgraph.model.DeadLetter;
import io.rtgraph.model.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.Rule;
import org.junit.Test;

/**
 * The dead-letter records fit their topic once Kafka frames them: each record is put in a record
 * batch by Kafka's own builder, compressed with the producer's lz4 and uncompressed, and the
 * batch's size compared with the topic's {@code max.message.bytes}. The payloads are the least
 * compressible the pipeline can meet: random bytes (base64) and random characters outside the BMP.
 */
public class DeadLetterRecordFnTest {
  /** Larger than the largest topic here once written: base64 or escaping only add to it. */
  private static final int PAYLOAD_BYTES = 3 << 19;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void incompressibleDeadLettersFitTopicsOfEverySize() {
    for (int maxMessageBytes :
        new int[] {PublishToKafka.MIN_DEAD_LETTER_MAX_MESSAGE_BYTES, 100_000, 1024 * 1024 + 12}) {
      PCollection<ProducerRecord<String, byte[]>> records =
          pipeline
              .apply("DeadLetters" + maxMessageBytes, Create.of(deadLetters()))
              .apply(
                  "ToRecords" + maxMessageBytes,
                  ParDo.of(
                      new PublishToKafka.DeadLetterRecordFn(
                          "member.playback.dlq", maxMessageBytes)))
              .setCoder(ProducerRecordCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
      PAssert.that(records)
          .satisfies(
              written -> {
                int count = 0;
                for (ProducerRecord<String, byte[]> record : written) {
                  SimpleRecord simple =
                      new SimpleRecord(
                          record.key().getBytes(StandardCharsets.UTF_8), record.value());
                  for (Compression compression :
                      List.of(Compression.lz4().build(), Compression.NONE)) {
                    int batchBytes = MemoryRecords.withRecords(compression, simple).sizeInBytes();
                    assertThat(
                        record.key()
                            + " under "
                            + compression.type()
                            + " in a topic of "
                            + maxMessageBytes,
                        batchBytes,
                        lessThanOrEqualTo(maxMessageBytes));
                  }
                  count++;
                }
                assertThat(count, equalTo(2));
                return null;
              });
    }
    pipeline.run().waitUntilFinish();
  }

  private static List<DeadLetter> deadLetters() {
    Random random = new Random(3);
    byte[] bytes = new byte[PAYLOAD_BYTES];
    random.nextBytes(bytes);
    bytes[0] = (byte) 0xff; // never valid UTF-8: written as base64
    StringBuilder outsideBmp = new StringBuilder();
    while (outsideBmp.length() < PAYLOAD_BYTES / 2) {
      outsideBmp.appendCodePoint(0x10000 + random.nextInt(0x100000));
    }
    List<DeadLetter> deadLetters = new ArrayList<>();
    deadLetters.add(
        DeadLetter.of("member.playback", 0, 1L, DeadLetterReason.INVALID_UTF8, "not UTF-8", bytes));
    deadLetters.add(
        DeadLetter.of(
            "member.playback",
            0,
            2L,
            DeadLetterReason.RECORD_TOO_LARGE,
            "too large",
            outsideBmp.toString().getBytes(StandardCharsets.UTF_8)));
    return deadLetters;
  }
}
