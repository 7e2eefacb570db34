package io.rtgraph.transforms.testing;

import io.rtgraph.model.RawRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * For fault-tolerance tests: passes records through, and once one worker has seen the given number
 * of them, throws, exactly once. "Once" survives the restart it causes (and any other): the first
 * worker to get there creates the marker file, and no worker throws while it exists. A test plugs
 * it in on the raw records before the graph chain ({@code BuildInteractionGraph}'s input).
 */
public final class InjectFailureOnce
    extends PTransform<PCollection<RawRecord>, PCollection<RawRecord>> {
  private final ThrowOnceFn throwOnce;

  private InjectFailureOnce(ThrowOnceFn throwOnce) {
    this.throwOnce = throwOnce;
  }

  public static InjectFailureOnce after(long records, String marker) {
    return new InjectFailureOnce(new ThrowOnceFn(records, marker));
  }

  @Override
  public PCollection<RawRecord> expand(PCollection<RawRecord> records) {
    return records.apply("ThrowOnce", ParDo.of(throwOnce)).setCoder(records.getCoder());
  }

  static final class ThrowOnceFn extends DoFn<RawRecord, RawRecord> {
    private final long afterRecords;
    private final String marker;
    private transient long seen;

    ThrowOnceFn(long afterRecords, String marker) {
      if (afterRecords <= 0 || marker == null || marker.isBlank()) {
        throw new IllegalArgumentException(
            "failure injection needs a positive record count and a marker file");
      }
      this.afterRecords = afterRecords;
      this.marker = marker;
    }

    @ProcessElement
    public void processElement(@Element RawRecord record, OutputReceiver<RawRecord> out) {
      if (++seen == afterRecords) {
        try {
          Files.createFile(Path.of(marker));
          throw new IllegalStateException(
              "injected failure after " + afterRecords + " records (marker " + marker + ")");
        } catch (FileAlreadyExistsException e) {
          // the failure already happened once
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      out.output(record);
    }
  }
}
