package io.rtgraph.tools.generator;

import io.rtgraph.model.MemberEvent;
import io.rtgraph.model.SourceTopic;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The member of the Netflix example, and its story: one profile logs in on a phone and starts a
 * show, stops it, continues on the TV, plays the game based on the show on a tablet and joins the
 * show's live premiere. The sample catalogs hold its title, game and live event.
 */
public final class ExampleMember {
  public static final String ACCOUNT = "demo-account";
  public static final String PROFILE = "demo-profile";
  public static final String TITLE = "t-stranger";
  public static final String GAME = "g-stranger";
  public static final String LIVE_EVENT = "l-stranger-premiere";

  /** One of the member's devices, with the device type it reports. */
  public record Device(String id, String type) {
    public static final Device PHONE = new Device("demo-phone", "phone");
    public static final Device TV = new Device("demo-tv", "smart_tv");
    public static final Device TABLET = new Device("demo-tablet", "tablet");
  }

  private ExampleMember() {}

  /**
   * The example's events of one Netflix topic, early in the span that begins at {@code start}: the
   * phone a tenth into it, the TV a tenth later, the tablet a tenth after that.
   */
  static List<MemberEvent> events(SourceTopic topic, Instant start, Duration span) {
    Duration tenth = Duration.millis(span.getMillis() / 10);
    Instant phone = start.plus(tenth);
    Instant tv = phone.plus(tenth);
    Instant tablet = tv.plus(tenth);
    List<MemberEvent> events = new ArrayList<>();
    if (topic.equals(SourceTopic.LOGIN)) {
      events.add(login(topic, "login-phone", phone.minus(1000), Device.PHONE));
      events.add(login(topic, "login-tv", tv.minus(1000), Device.TV));
      events.add(login(topic, "login-tablet", tablet.minus(1000), Device.TABLET));
    } else if (topic.equals(SourceTopic.PLAYBACK)) {
      events.add(watch(topic, "watch-phone-start", phone, Device.PHONE, "START", 0L));
      events.add(
          watch(topic, "watch-phone-stop", phone.plus(60_000), Device.PHONE, "STOP", 1_500_000L));
      events.add(watch(topic, "watch-tv-start", tv, Device.TV, "START", 1_500_000L));
    } else if (topic.equals(SourceTopic.GAMEPLAY)) {
      events.add(play(topic, "game-tablet-launch", tablet, "LAUNCH"));
      events.add(play(topic, "game-tablet-play", tablet.plus(5_000), "PLAY"));
    } else if (topic.equals(SourceTopic.LIVE)) {
      events.add(
          event(topic, "live-tv-join", tablet.plus(tenth), Device.TV)
              .setProfileId(PROFILE)
              .setLiveEventId(LIVE_EVENT)
              .setAction("JOIN")
              .build());
    }
    return events;
  }

  private static MemberEvent login(SourceTopic topic, String id, Instant time, Device device) {
    return event(topic, id, time, device).setAction("SUCCESS").setCountry("US").build();
  }

  private static MemberEvent watch(
      SourceTopic topic, String id, Instant time, Device device, String action, long positionMs) {
    return event(topic, id, time, device)
        .setProfileId(PROFILE)
        .setTitleId(TITLE)
        .setAction(action)
        .setPositionMs(positionMs)
        .build();
  }

  private static MemberEvent play(SourceTopic topic, String id, Instant time, String action) {
    return event(topic, id, time, Device.TABLET)
        .setProfileId(PROFILE)
        .setGameId(GAME)
        .setAction(action)
        .build();
  }

  private static MemberEvent.Builder event(
      SourceTopic topic, String id, Instant time, Device device) {
    return MemberEvent.builder()
        .setSourceTopic(topic)
        .setEventId("demo-" + id)
        .setEventTime(time)
        .setAccountId(ACCOUNT)
        .setDeviceId(device.id())
        .setDeviceType(device.type());
  }
}
