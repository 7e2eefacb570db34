package io.rtgraph.tools.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.rtgraph.model.Catalogs;
import io.rtgraph.model.IsoInstants;
import io.rtgraph.transforms.mapping.CatalogKind;
import io.rtgraph.transforms.mapping.TopicMapping;
import io.rtgraph.transforms.mapping.TopicMapping.DropRule;
import io.rtgraph.transforms.mapping.TopicMapping.Field;
import io.rtgraph.transforms.mapping.TopicMapping.Join;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Events of a topic known only by its mapping file (a vertical added by configuration), made from
 * the field declarations: the member fields ({@code accountId}, {@code profileId}, {@code
 * deviceId}, {@code deviceType}) from the population, a field a join keys on from that catalog's
 * ids (now and then one it lacks), an enum's values, an integer within its declared range, {@code
 * test} at the configured share, any other string as a token.
 *
 * <p>The fate of each event is decided from the values chosen here: filtered when a drop rule's
 * {@code field == value} (or {@code !=}) holds for them, compared as text. No pipeline code runs.
 */
final class MappedTopicEvents {
  private static final JsonFactory JSON = new JsonFactory();

  private final TopicMapping mapping;
  private final GeneratorConfig config;
  private final Map<String, List<String>> catalogIdsByKeyField = new LinkedHashMap<>();

  MappedTopicEvents(TopicMapping mapping, GeneratorConfig config, Catalogs catalogs) {
    this.mapping = mapping;
    this.config = config;
    for (Join join : mapping.joins()) {
      if (!join.on().contains(".")) {
        catalogIdsByKeyField.put(join.on(), ids(join.catalog(), catalogs));
      }
    }
  }

  /** One valid event: its field values in declaration order (absent optional fields are null). */
  Map<String, Object> randomEvent(
      String eventId, Instant eventTime, Population population, Random random) {
    Population.Account account = population.pick(random);
    int device = random.nextInt(account.deviceIds.size());
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : mapping.fields()) {
      Object value = value(field, eventId, eventTime, account, device, random);
      if (value == null && field.required()) {
        throw new IllegalStateException(
            "the generator cannot make a value for required field '" + field.name() + "'");
      }
      values.put(field.name(), value);
    }
    return values;
  }

  private @Nullable Object value(
      Field field,
      String eventId,
      Instant eventTime,
      Population.Account account,
      int device,
      Random random) {
    switch (field.name()) {
      case "eventId":
        return eventId;
      case TopicMapping.EVENT_TIME:
        return IsoInstants.format(eventTime.getMillis());
      case "accountId":
        return account.accountId;
      case "profileId":
        return field.required() || random.nextBoolean()
            ? account.profileIds.get(random.nextInt(account.profileIds.size()))
            : null;
      case "deviceId":
        return account.deviceIds.get(device);
      case "deviceType":
        return random.nextInt(5) == 0 ? null : account.deviceTypes.get(device);
      case "test":
        return random.nextDouble() < config.testTrafficShare() ? Boolean.TRUE : null;
      default:
        break;
    }
    if (!field.required() && random.nextInt(3) == 0) {
      return null;
    }
    List<String> catalogIds = catalogIdsByKeyField.get(field.name());
    switch (field.type()) {
      case ENUM:
        return field.values().get(random.nextInt(field.values().size()));
      case INTEGER:
        long min = field.min() == null ? 0 : field.min();
        long max = field.max() == null ? min + 1000 : field.max();
        return min + (long) (random.nextDouble() * (max - min + 1));
      case BOOLEAN:
        return random.nextBoolean();
      default:
        if (catalogIds != null) {
          if (catalogIds.isEmpty() || random.nextDouble() < config.catalogMissShare()) {
            return field.name() + "-missing-" + random.nextInt(50);
          }
          return catalogIds.get(random.nextInt(catalogIds.size()));
        }
        return field.name() + "-" + random.nextInt(1000);
    }
  }

  /** Whether a drop rule matches these values: the generator's own reading of the rule. */
  boolean dropped(Map<String, Object> values) {
    for (DropRule rule : mapping.drop()) {
      Object value = values.get(rule.when().reference());
      boolean equal = value != null && String.valueOf(value).equals(rule.when().literal());
      if (equal != rule.when().negated()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The values with {@code test} cleared: the template of a malformed record must be valid
   * otherwise.
   */
  Map<String, Object> notTest(Map<String, Object> values) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    if (copy.containsKey("test")) {
      copy.put("test", null);
    }
    return copy;
  }

  /**
   * A field whose value this topic restricts (an enum, or an integer with a range), with a value
   * outside it; null when the mapping restricts none.
   */
  @Nullable String[] outOfRange() {
    for (Field field : mapping.fields()) {
      if (!field.required()) {
        continue;
      }
      if (field.type() == TopicMapping.FieldType.ENUM) {
        return new String[] {field.name(), "\"TELEPORT\""};
      }
      if (field.type() == TopicMapping.FieldType.INTEGER && field.max() != null) {
        return new String[] {field.name(), String.valueOf(field.max() + 1)};
      }
    }
    return null;
  }

  static byte[] write(Map<String, Object> values, Random random) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(256)) {
      try (JsonGenerator json = JSON.createGenerator(buffer)) {
        json.writeStartObject();
        for (Map.Entry<String, Object> field : values.entrySet()) {
          Object value = field.getValue();
          if (value instanceof Long) {
            json.writeNumberField(field.getKey(), (Long) value);
          } else if (value instanceof Boolean) {
            json.writeBooleanField(field.getKey(), (Boolean) value);
          } else if (value != null) {
            json.writeStringField(field.getKey(), (String) value);
          }
        }
        if (random.nextInt(5) == 0) {
          json.writeStringField("appVersion", "9.0.0");
        }
        json.writeEndObject();
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> ids(CatalogKind catalog, Catalogs catalogs) {
    switch (catalog) {
      case TITLES:
        return new ArrayList<>(new TreeSet<>(catalogs.titles().keySet()));
      case GAMES:
        return new ArrayList<>(new TreeSet<>(catalogs.games().keySet()));
      default:
        return new ArrayList<>(new TreeSet<>(catalogs.liveEvents().keySet()));
    }
  }
}
