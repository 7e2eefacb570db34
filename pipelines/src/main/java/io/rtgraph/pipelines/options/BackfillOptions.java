package io.rtgraph.pipelines.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** A backfill: which topic's archive to read, and which range of it. */
public interface BackfillOptions extends TopicPipelineOptions {

  @Description("The source topic whose raw archive to replay, e.g. member.playback.")
  @Validation.Required
  String getSourceTopic();

  void setSourceTopic(String value);

  @Description(
      "Start of the range, inclusive, ISO-8601 (e.g. 2026-11-27T00:00:00Z): valid records by event"
          + " time, dead letters by ingestion time.")
  @Validation.Required
  String getFrom();

  void setFrom(String value);

  @Description("End of the range, exclusive, ISO-8601.")
  @Validation.Required
  String getTo();

  void setTo(String value);
}
