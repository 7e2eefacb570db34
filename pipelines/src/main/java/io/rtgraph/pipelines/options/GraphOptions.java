package io.rtgraph.pipelines.options;

import io.rtgraph.transforms.LoadCatalogs;
import io.rtgraph.transforms.MergeGraphUpdates;
import io.rtgraph.transforms.ParseEvents;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The flags of the graph chain that every topic pipeline and every backfill shares. */
public interface GraphOptions extends PipelineOptions {

  @Description(
      "The topic's mapping file (runner-configs/topics/<topic>.mapping.yaml): its fields, drop rules,"
          + " catalog joins and graph templates, checked at launch. Without it, the mapping shipped in"
          + " the jar for the topic.")
  String getTopicMapping();

  void setTopicMapping(String value);

  @Description("Records larger than this many bytes go to the dead-letter topic.")
  @Default.Long(ParseEvents.DEFAULT_MAX_RECORD_BYTES)
  long getMaxRecordBytes();

  void setMaxRecordBytes(long value);

  @Description(
      "How far eventTime may run ahead of the time a record was ingested before the record is"
          + " dead-lettered (e.g. 1h, 90s, PT1H).")
  @Default.String(ParseEvents.DEFAULT_MAX_FUTURE_SKEW_FLAG)
  String getMaxFutureSkew();

  void setMaxFutureSkew(String value);

  @Description(
      "Per element, updates are merged for this much event time after the first one before one"
          + " merged update is emitted (e.g. 10s, 1m).")
  @Default.String(MergeGraphUpdates.DEFAULT_DEDUP_WINDOW_FLAG)
  String getDedupWindow();

  void setDedupWindow(String value);

  @Description("Path or URI of the titles catalog (JSON lines); none means every lookup misses.")
  String getTitlesCatalog();

  void setTitlesCatalog(String value);

  @Description("Path or URI of the games catalog (JSON lines).")
  String getGamesCatalog();

  void setGamesCatalog(String value);

  @Description("Path or URI of the live-events catalog (JSON lines).")
  String getLiveEventsCatalog();

  void setLiveEventsCatalog(String value);

  @Description(
      "In streaming mode, re-read the catalogs this often (e.g. 300s, 5m); 0s reads them once."
          + " Batch runs always read them once.")
  @Default.String(LoadCatalogs.DEFAULT_REFRESH_SECONDS + "s")
  String getCatalogRefreshInterval();

  void setCatalogRefreshInterval(String value);

  @Description(
      "Deprecated name of --catalogRefreshInterval, in seconds; still accepted, and if both are"
          + " given they must agree.")
  Long getCatalogRefreshSeconds();

  void setCatalogRefreshSeconds(Long value);

  @Description(
      "The largest fraction of a catalog's entries one refresh may drop (1.0 allows any drop); a"
          + " refresh that drops more, or yields an empty catalog, keeps the last good version and"
          + " counts in catalog_refresh_rejected. A file caught while being rewritten looks like"
          + " that.")
  @Default.Double(LoadCatalogs.DEFAULT_MAX_CATALOG_SHRINK)
  double getMaxCatalogShrink();

  void setMaxCatalogShrink(double value);

  @Description(
      "Take the catalogs as they are at the first refresh after the job starts or is restored,"
          + " however much smaller than the last good version, even empty; later refreshes are"
          + " checked against them again. Set it for the restart that brings a legitimately"
          + " smaller catalog.")
  @Default.Boolean(false)
  boolean getAcceptAnyCatalogsAtStart();

  void setAcceptAnyCatalogsAtStart(boolean value);
}
